import SimKernel

/// Measures how disordered a stream is, in one pass over events in arrival
/// order, in memory independent of the stream's length.
///
/// Definitions (printed with the numbers, and in Datasets/README.md):
/// - out of order: an event whose event time is earlier than the largest
///   event time among events that arrived before it;
/// - lateness: arrival time − event time (the transport delay as the source
///   sees it, including producer clock skew and offline backlogs); quantiles
///   are nearest-rank over a log-linear histogram, exact below 2.048 ms and
///   within 0.1 % above;
/// - burstiness: the index of dispersion (variance / mean) of arrival counts
///   per whole second of arrival time, over the complete seconds between the
///   first and the last arrival, empty seconds included. Poisson gives ≈ 1.
public struct DisorderSummary {
    public private(set) var count = 0
    public private(set) var duplicateCount = 0
    public private(set) var outOfOrderCount = 0
    var maxEventMicros = Int64.min
    public private(set) var lateness = LatenessHistogram()
    var kindCounts: [Int] = []
    var keyCounts: [Int]
    var secondsIndex = Int64.min
    var countInSecond = 0
    var secondsSeen = 0
    var sumCounts: Double = 0
    var sumSquaredCounts: Double = 0
    var firstSecondCount: Int?
    public private(set) var firstArrival = Instant.max
    public private(set) var lastArrival = Instant.min

    public init(keyCount: Int) {
        keyCounts = Array(repeating: 0, count: keyCount)
    }

    public mutating func record(_ event: Event) {
        count += 1
        if event.attempt > 0 { duplicateCount += 1 }
        let eventMicros = event.eventTime.micros
        if eventMicros < maxEventMicros { outOfOrderCount += 1 } else { maxEventMicros = eventMicros }
        lateness.record(event.arrivalTime.micros &- eventMicros)
        let kind = Int(event.kind)
        if kind >= kindCounts.count { kindCounts += Array(repeating: 0, count: kind + 1 - kindCounts.count) }
        kindCounts[kind] += 1
        if event.key >= 0, Int(event.key) < keyCounts.count { keyCounts[Int(event.key)] += 1 }
        firstArrival = min(firstArrival, event.arrivalTime)
        lastArrival = max(lastArrival, event.arrivalTime)
        countSecond(event.arrivalTime.micros)
    }

    private mutating func countSecond(_ arrivalMicros: Int64) {
        let second = arrivalMicros >= 0 ? arrivalMicros / 1_000_000 : (arrivalMicros + 1) / 1_000_000 - 1
        if second == secondsIndex { countInSecond += 1; return }
        precondition(secondsIndex == .min || second > secondsIndex, "summary: arrivals must be recorded in arrival order")
        if secondsIndex != .min {
            closeSecond(countInSecond)
            // Empty seconds between two arrivals count as zeros.
            secondsSeen += Int(second - secondsIndex - 1)
        }
        secondsIndex = second
        countInSecond = 1
    }

    private mutating func closeSecond(_ value: Int) {
        secondsSeen += 1
        // The first second is partial (see `indexOfDispersion`); keep it out.
        if firstSecondCount == nil { firstSecondCount = value; return }
        sumCounts += Double(value)
        sumSquaredCounts += Double(value) * Double(value)
    }

    /// Variance / mean (population variance) of per-second arrival counts
    /// over the complete seconds: the first and the last second that saw an
    /// arrival are left out, because a stream cut by an event limit or a
    /// horizon fills them only partly (one short bin among twenty would
    /// read as a burst). Empty seconds between arrivals count as zeros.
    public var indexOfDispersion: Double {
        guard completeSeconds > 0, sumCounts > 0 else { return 0 }
        let mean = sumCounts / Double(completeSeconds)
        return (sumSquaredCounts / Double(completeSeconds) - mean * mean) / mean
    }

    /// The number of seconds `indexOfDispersion` is computed over.
    public var completeSeconds: Int { firstSecondCount == nil ? 0 : secondsSeen - 1 }

    public var outOfOrderFraction: Double { count == 0 ? 0 : Double(outOfOrderCount) / Double(count) }

    /// Keys by descending count, ties by key; at most `limit`.
    public func topKeys(_ limit: Int) -> [(key: Int32, count: Int)] {
        let order = keyCounts.indices.filter { keyCounts[$0] > 0 }
            .sorted { keyCounts[$0] != keyCounts[$1] ? keyCounts[$0] > keyCounts[$1] : $0 < $1 }
        return order.prefix(limit).map { (Int32($0), keyCounts[$0]) }
    }

    public func count(ofKind kind: UInt16) -> Int { Int(kind) < kindCounts.count ? kindCounts[Int(kind)] : 0 }
}

/// Counts of non-negative µs values in log-linear buckets (HdrHistogram's
/// layout with 10 bits of sub-bucket precision), plus exact min, max and the
/// count of negative values (clock skew can make arrival precede event time).
public struct LatenessHistogram {
    static let subBucketBits = 10
    var counts = [Int](repeating: 0, count: (64 - 10 + 1) << 10)
    public private(set) var total = 0
    public private(set) var negativeCount = 0
    public private(set) var minimum = Int64.max
    public private(set) var maximum = Int64.min

    public init() {}

    /// Values below 2^11 have their own bucket; above, a value keeps its
    /// top 11 bits: `shift = ⌊log₂ v⌋ − 10`, bucket = `shift·2^10 + (v >> shift)`.
    @inline(__always) static func bucket(_ value: Int64) -> Int {
        let magnitude = UInt64(value)
        if magnitude < 1 << (subBucketBits + 1) { return Int(magnitude) }
        let shift = 63 - magnitude.leadingZeroBitCount - subBucketBits
        return (shift << subBucketBits) + Int(magnitude >> UInt64(shift))
    }

    /// The smallest value that falls in `bucket`.
    static func lowerBound(_ bucket: Int) -> Int64 {
        if bucket < 1 << (subBucketBits + 1) { return Int64(bucket) }
        let shift = (bucket >> subBucketBits) - 1
        let top = bucket - (shift << subBucketBits)
        return Int64(top) << Int64(shift)
    }

    public mutating func record(_ micros: Int64) {
        total += 1
        minimum = min(minimum, micros)
        maximum = max(maximum, micros)
        if micros < 0 { negativeCount += 1; return }
        counts[LatenessHistogram.bucket(micros)] += 1
    }

    /// Nearest-rank quantile: the smallest recorded value v (to bucket
    /// precision) with at least ⌈q·n⌉ values ≤ v. Negative values rank
    /// first and are reported as the exact minimum.
    public func quantile(_ q: Double) -> Int64 {
        guard total > 0 else { return 0 }
        let rank = NearestRank.rank(of: q, count: total)
        if rank <= negativeCount { return minimum }
        var seen = negativeCount
        for (index, count) in counts.enumerated() where count > 0 {
            seen += count
            if seen >= rank { return min(max(LatenessHistogram.lowerBound(index), max(minimum, 0)), maximum) }
        }
        return maximum
    }
}
