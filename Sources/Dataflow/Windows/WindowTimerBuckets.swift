/// The pending deadlines of assigned (tumbling, sliding) windows, grouped by
/// due time: Flink's fire timer at `maxTimestamp` and cleanup timer at
/// `maxTimestamp + allowedLateness`, Spark's eviction at `window.end`.
///
/// Why buckets rather than a heap of timers: the windows of every key that
/// share one window end fall due at the same instant, so at 10^5–10^6 keys a heap
/// held 10^5 timers with a handful of distinct times, and each window paid a
/// push and an O(log n) pop that missed the cache at every level
/// (`trickleDownMin`, Benchmarks/RESULTS.md). Here scheduling appends to the
/// bucket of its time (nearly always the one used last), and a due bucket is
/// ordered once, by a radix sort on the key.
///
/// Order: a due bucket hands out its timers in (key, window start, kind)
/// order, fire before cleanup, and buckets go in time order; that is the
/// (time, key, start, kind) order in which the former heap of `WindowTimer`
/// popped them, so outputs keep their order and never depend on hashing.
struct WindowTimerBuckets {
    struct Entry {
        var start: Int64
        var key: Int32
        var slot: Int32
    }

    /// A timer that fell due, as handed to the operator.
    struct Due {
        var start: Int64
        var key: Int32
        var slot: Int32
        var kind: WindowTimer.Kind
    }

    struct Bucket {
        var time: Int64
        var fires: [Entry]
        var cleanups: [Entry]
    }

    /// Buckets in increasing time, each time once.
    private var buckets: [Bucket] = []
    /// The bucket scheduled into last (a hint; checked before use).
    private var lastBucket = 0
    /// Emptied entry lists kept for reuse, so steady state allocates nothing.
    private var spareLists: [[Entry]] = []
    private var order: [UInt64] = []
    private var orderScratch: [UInt64] = []
    private(set) var count = 0

    /// The earliest due time, or nil when nothing is pending.
    var earliestTime: Int64? { buckets.first?.time }

    mutating func schedule(_ kind: WindowTimer.Kind, key: Int32, start: Int64, slot: Int, at time: Int64) {
        let entry = Entry(start: start, key: key, slot: Int32(slot))
        let bucket = bucketIndex(for: time)
        switch kind {
        case .fire: buckets[bucket].fires.append(entry)
        case .cleanup: buckets[bucket].cleanups.append(entry)
        }
        count += 1
    }

    /// The index of the bucket of `time`, created if needed.
    private mutating func bucketIndex(for time: Int64) -> Int {
        if lastBucket < buckets.count && buckets[lastBucket].time == time { return lastBucket }
        var low = 0
        var high = buckets.count
        // Bounded: binary search over the few pending times.
        while low < high {
            let middle = (low + high) / 2
            if buckets[middle].time < time { low = middle + 1 } else { high = middle }
        }
        if low == buckets.count || buckets[low].time != time {
            buckets.insert(Bucket(time: time, fires: spareList(), cleanups: spareList()), at: low)
        }
        lastBucket = low
        return low
    }

    private mutating func spareList() -> [Entry] { spareLists.popLast() ?? [] }

    /// Removes the earliest bucket and writes its timers into `due` in
    /// (key, start, kind) order. Call only while `earliestTime` is non-nil.
    mutating func takeEarliest(into due: inout [Due]) {
        precondition(!buckets.isEmpty, "no pending window timer")
        var bucket = buckets.removeFirst()
        lastBucket = 0
        Self.ordered(bucket, into: &due, order: &order, scratch: &orderScratch)
        count -= due.count
        // The lists are uniquely referenced again here, so emptying keeps their storage.
        bucket.fires.removeAll(keepingCapacity: true)
        bucket.cleanups.removeAll(keepingCapacity: true)
        spareLists.append(bucket.fires)
        spareLists.append(bucket.cleanups)
    }

    private static func ordered(_ bucket: Bucket, into due: inout [Due], order: inout [UInt64], scratch: inout [UInt64]) {
        let fires = bucket.fires, cleanups = bucket.cleanups
        let fireCount = fires.count
        order.removeAll(keepingCapacity: true)
        for (index, entry) in fires.enumerated() { order.append(KeyOrder.pack(key: entry.key, index: index)) }
        for (index, entry) in cleanups.enumerated() { order.append(KeyOrder.pack(key: entry.key, index: fireCount + index)) }
        // Stable: within a key, fires (listed first) stay ahead of cleanups.
        KeyOrder.sortByKey(&order, scratch: &scratch)
        func startAndKind(_ index: Int) -> (Int64, UInt8) {
            index < fireCount ? (fires[index].start, 0) : (cleanups[index - fireCount].start, 1)
        }
        KeyOrder.sortRunsOfEqualKeys(&order) { startAndKind($0) < startAndKind($1) }
        due.removeAll(keepingCapacity: true)
        for packed in order {
            let index = KeyOrder.index(packed)
            if index < fireCount {
                let entry = fires[index]
                due.append(Due(start: entry.start, key: entry.key, slot: entry.slot, kind: .fire))
            } else {
                let entry = cleanups[index - fireCount]
                due.append(Due(start: entry.start, key: entry.key, slot: entry.slot, kind: .cleanup))
            }
        }
    }
}
