import CPrefetch
import SimKernel

/// Panes: the windows of all keys that share one window start.
///
/// Every window of a pane has the same bounds, so the same deadlines: Flink's
/// fire timer at `maxTimestamp` and cleanup timer at `maxTimestamp +
/// allowedLateness`, Spark's eviction at `window.end`. A pane therefore holds
/// one timer per kind instead of one per window, and when its cleanup or
/// eviction falls due its windows go at once, with the pane's key map
/// emptied in one pass. With 10^5–10^6 keys a window per record used to pay
/// two pushes and two O(log n) pops of a timer heap (`trickleDownMin`) and a
/// removal from a shared hash map (Benchmarks/RESULTS.md, section 2).
///
/// Order: a pane's windows are emitted in key order (one window per key per
/// pane), and pane timers run in (time, kind, start) order; that is the order
/// in which the former per-window timers ran, (time, key, start, kind): two
/// panes never fire at the same time (equal ends mean equal starts), and a
/// cleanup emits nothing, so where it falls among other panes' timers of the
/// same instant cannot be seen. A window's fire comes before its cleanup.
extension AssignedWindowTable {
    @usableFromInline
    struct Pane {
        @usableFromInline var window = TimeWindow(start: .min, end: .min)
        @usableFromInline var index = PaneKeyIndex()
        /// The pane's windows in creation order, each its key and slot
        /// packed as `KeyOrder.pack(key:index:)` with the slot as the index:
        /// one append per new window, where a slot list and a key list took two.
        var members: [UInt64] = []
        /// The deadline of each kind once registered, else `Int64.min`.
        var fireMicros = Int64.min
        var cleanupMicros = Int64.min
        /// Whether the fire timer has run: every window created after it
        /// fires at once (Flink: `maxTimestamp <= watermark`), so none may
        /// register a fire timer again.
        var fired = false

        init() {}

        /// A pane sized for `capacity` windows, so that filling it rehashes nothing.
        init(capacity: Int) {
            index = PaneKeyIndex(capacity: Swift.max(capacity, 32))
            members.reserveCapacity(capacity)
        }

        /// Adds the window of `key`, whose empty bucket `index.lookup` gave.
        mutating func add(key: Int32, slot: Int, bucket: Int) {
            index.insert(key, slot: Int32(slot), at: bucket)
            members.append(KeyOrder.pack(key: key, index: slot))
        }
    }

    struct PaneTimer {
        var time: Int64
        var kind: WindowTimer.Kind
        var start: Int64

        func precedes(_ other: PaneTimer) -> Bool {
            (time, kind.rawValue, start) < (other.time, other.kind.rawValue, other.start)
        }
    }

    /// How many rows ahead `emitResults` prefetches the place it will write.
    static var prefetchDistance: Int { 16 }

    /// At most this many emptied panes are kept for reuse.
    static var sparePaneLimit: Int { 4 }

    /// The position in `panes` (sorted by start) of the pane of `window`, created if needed.
    @inline(__always)
    mutating func pane(for window: TimeWindow) -> Int {
        if lastPane < panes.count && panes[lastPane].window.start == window.start { return lastPane }
        let position = panePosition(start: window.start.micros)
        if position == panes.count || panes[position].window.start != window.start {
            // A new pane is sized like the pane used last, usually its
            // predecessor: panes of one stream hold about as many keys each.
            // Grown from 64 buckets, each of the batch job's ten panes at
            // 10^6 keys rehashed its map eleven times (110 grows a run, 12 now).
            let sizeHint = lastPane < panes.count ? panes[lastPane].members.count : 0
            var pane = sparePanes.popLast() ?? Pane(capacity: sizeHint)
            pane.window = window
            panes.insert(pane, at: position)
        }
        lastPane = position
        return position
    }

    /// Where a pane starting at `start` is or would go in `panes`.
    func panePosition(start: Int64) -> Int {
        var low = 0
        var high = panes.count
        // Bounded: binary search over the open panes.
        while low < high {
            let middle = (low + high) / 2
            if panes[middle].window.start.micros < start { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Registers the deadline of `kind` for the pane of `window`, an open
    /// window. All windows of a pane share it, so only the first registers a
    /// timer: for the others this is a comparison, inlined (every new window
    /// asks, and the call was 4 % of `bench keys` at 10^6 keys).
    @inline(__always)
    mutating func schedule(_ kind: WindowTimer.Kind, window: TimeWindow, at time: Instant) {
        let pane = pane(for: window)
        switch kind {
        case .fire where !panes[pane].fired && panes[pane].fireMicros == time.micros && time.micros != .min: return
        case .cleanup where panes[pane].cleanupMicros == time.micros && time.micros != .min: return
        default: register(kind, pane: pane, at: time)
        }
    }

    /// `schedule` for a pane's first window of `kind`, or one that breaks a
    /// pane's invariants (which the preconditions stop).
    private mutating func register(_ kind: WindowTimer.Kind, pane: Int, at time: Instant) {
        switch kind {
        case .fire:
            precondition(!panes[pane].fired, "a window of a pane that fired fires at once, with no timer")
            if panes[pane].fireMicros != .min {
                precondition(panes[pane].fireMicros == time.micros, "the windows of a pane share their fire time")
                return
            }
            panes[pane].fireMicros = time.micros
        case .cleanup:
            if panes[pane].cleanupMicros != .min {
                precondition(panes[pane].cleanupMicros == time.micros, "the windows of a pane share their cleanup time")
                return
            }
            panes[pane].cleanupMicros = time.micros
        }
        let timer = PaneTimer(time: time.micros, kind: kind, start: panes[pane].window.start.micros)
        var position = paneTimers.count
        // Bounded by the few pending pane timers; new ones are nearly always the latest.
        while position > 0 && timer.precedes(paneTimers[position - 1]) { position -= 1 }
        paneTimers.insert(timer, at: position)
    }

    /// The earliest pending pane deadline, or nil.
    var earliestTimerMicros: Int64? { paneTimers.first?.time }

    mutating func popEarliestTimer() -> PaneTimer { paneTimers.removeFirst() }

    /// The open pane starting at `start`.
    func existingPane(start: Int64) -> Int {
        let position = panePosition(start: start)
        precondition(position < panes.count && panes[position].window.start.micros == start, "a pane timer outlives its pane")
        return position
    }

    /// Emits the results of the pane starting at `start` in key order (one
    /// window per key per pane); for Flink's fire timer, which also marks the
    /// pane as fired, and Spark's eviction in append mode.
    mutating func emitPane(start: Int64, firing: Bool, into outputs: inout [WindowResult]) {
        let pane = existingPane(start: start)
        if firing { panes[pane].fired = true }
        var order = orderSpare
        order.removeAll(keepingCapacity: true)
        for (position, member) in panes[pane].members.enumerated() { order.append(KeyOrder.withIndex(member, position)) }
        KeyOrder.sortByKey(&order, scratch: &orderScratch)
        emitResults(of: panes[pane].members, inOrder: order, into: &outputs)
        orderSpare = order
    }

    /// Appends the results of `candidates` to `outputs` in the order of
    /// `order` (indices into `candidates`). The slots are read in the order
    /// of `candidates`, which is the order they were created and nearly their
    /// order in memory, and each result is initialized at its sorted place in
    /// a new array (taken as `outputs` itself when that is empty, so not
    /// copied): with 10^5–10^6 windows, reading them in key order missed the
    /// cache on every window, while scattered writes, asked for ahead, overlap.
    mutating func emitResults(of candidates: [UInt64], inOrder order: [UInt64], into outputs: inout [WindowResult]) {
        let count = candidates.count
        precondition(order.count == count, "an order covers every window once")
        var ranks = rankScratch
        ranks.removeAll(keepingCapacity: true)
        ranks.append(contentsOf: repeatElement(0, count: count))
        for (rank, packed) in order.enumerated() { ranks[KeyOrder.index(packed)] = Int32(rank) }
        assert(Self.isPermutation(ranks), "an order ranks every window once")
        // Each result is initialized at its place, never assigned over a
        // placeholder: an assignment reads the old value to release it, which
        // at 10^6 keys was a cache miss per row and half of this function (perf).
        // The slots are read through their buffer, with the hot entries and
        // values taken once: a call on `self` per row copied them (perf).
        let (hot, warm, keepsValues, values) = (hot, warm, keepsValues, slotValues)
        let sorted = slots.withUnsafeMutableBufferPointer { slotBuffer in
            [WindowResult](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                streamlab_advise_huge_pages(base, count * MemoryLayout<WindowResult>.stride)
                // Every place is initialized once: `ranks` is a permutation of 0..<count.
                // The place `prefetchDistance` rows ahead is asked for early, so the
                // scattered writes overlap instead of waiting on each line in turn.
                let stride = MemoryLayout<WindowResult>.stride
                for position in 0..<count {
                    if position + Self.prefetchDistance < count {
                        let ahead = UnsafeMutableRawPointer(base + Int(ranks[position + Self.prefetchDistance]))
                        streamlab_prefetch_write_span(ahead, stride)
                    }
                    let slot = KeyOrder.index(candidates[position])
                    (base + Int(ranks[position])).initialize(
                        to: Self.takeResult(of: &slotBuffer[slot], at: slot, values: keepsValues ? values[slot] : nil, hot: hot, warm: warm))
                }
                initialized = count
            }
        }
        if outputs.isEmpty { outputs = sorted } else { outputs.append(contentsOf: sorted) }
        rankScratch = ranks
    }

    /// Whether `ranks` holds each of 0..<ranks.count exactly once.
    static func isPermutation(_ ranks: [Int32]) -> Bool {
        var seen = [Bool](repeating: false, count: ranks.count)
        for rank in ranks {
            guard rank >= 0 && Int(rank) < ranks.count && !seen[Int(rank)] else { return false }
            seen[Int(rank)] = true
        }
        return true
    }

    /// Frees every window of the pane starting at `start` and closes the pane.
    mutating func dropPane(start: Int64) {
        let position = existingPane(start: start)
        var pane = panes.remove(at: position)
        lastPane = 0
        freeAll(pane.members, start: pane.window.start.micros)
        guard sparePanes.count < Self.sparePaneLimit else { return }
        pane.index.removeAll()
        pane.members.removeAll(keepingCapacity: true)
        (pane.fireMicros, pane.cleanupMicros, pane.fired) = (.min, .min, false)
        sparePanes.append(pane)
    }

    /// Emits every open window in (key, start) order (Spark complete mode),
    /// at most `limit` of them now; true when some are left for
    /// `emitPendingRows`. The panes' windows are gathered in start order
    /// (`panes` is sorted by start), then sorted stably on the key.
    ///
    /// The rows are built in that order straight into `outputs`, reading
    /// each window's slot there, asked for `prefetchDistance` rows ahead.
    /// `emitResults` instead reads the slots in memory order and scatters
    /// the rows into a new array of them all, which for the batch job's
    /// 951,746 windows at 10^6 keys was 84 MB of fresh pages per job, a
    /// fifth of its time spent faulting them in and zeroing them (perf).
    mutating func emitLiveWindows(into outputs: inout [WindowResult], limit: Int) -> Bool {
        precondition(pendingRowsEmitted == pendingRows.count, "a complete emission ends before the next begins")
        pendingRows.removeAll(keepingCapacity: true)
        pendingRowsEmitted = 0
        pendingRows.reserveCapacity(liveCount)
        for pane in panes { pendingRows.append(contentsOf: pane.members) }
        // The members carry their slots as the index: the sort moves only on
        // the key, so within a key the windows stay in start order.
        KeyOrder.sortByKey(&pendingRows, scratch: &orderScratch)
        return emitPendingRows(into: &outputs, limit: limit)
    }

    /// Whether a complete emission has rows left (`emitPendingRows`).
    var hasPendingRows: Bool { pendingRowsEmitted < pendingRows.count }

    /// Emits up to `limit` more rows of the complete emission under way;
    /// true while some are left.
    ///
    /// The loop works on the slots' buffer: a call on `self` per row copied
    /// the whole table, a retain and a release of each of its arrays (perf).
    mutating func emitPendingRows(into outputs: inout [WindowResult], limit: Int) -> Bool {
        let start = pendingRowsEmitted
        let end = start + Swift.min(limit, pendingRows.count - start)
        outputs.reserveCapacity(outputs.count + end - start)
        let (rows, hot, warm) = (pendingRows, hot, warm)
        let (keepsValues, values) = (keepsValues, slotValues)
        let distance = Self.prefetchDistance
        slots.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            // Bounded: at most `limit` rows.
            for position in start..<end {
                if position + distance < rows.count {
                    let ahead = KeyOrder.index(rows[position + distance])
                    streamlab_prefetch_read_span(UnsafeRawPointer(base + ahead), MemoryLayout<Slot>.stride)
                }
                let slot = KeyOrder.index(rows[position])
                outputs.append(Self.takeResult(of: &base[slot], at: slot, values: keepsValues ? values[slot] : nil, hot: hot, warm: warm))
            }
        }
        pendingRowsEmitted = end
        return hasPendingRows
    }
}
