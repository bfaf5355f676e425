import Histogram

/// Latency percentiles from an HdrHistogram, in µs.
///
/// HdrHistogram keeps three significant digits over the whole range, so p99
/// of a run with a few very slow outputs is still exact to 0.1 %, and
/// merging or comparing runs never depends on how many values were recorded.
public struct LatencySummary: Equatable, Sendable, Codable {
    public var count: Int
    public var p50Micros: Int64
    public var p95Micros: Int64
    public var p99Micros: Int64
    public var maxMicros: Int64
    public var meanMicros: Int64

    public static let empty = LatencySummary(count: 0, p50Micros: 0, p95Micros: 0, p99Micros: 0, maxMicros: 0, meanMicros: 0)

    public init(count: Int, p50Micros: Int64, p95Micros: Int64, p99Micros: Int64, maxMicros: Int64, meanMicros: Int64) {
        self.count = count
        self.p50Micros = p50Micros
        self.p95Micros = p95Micros
        self.p99Micros = p99Micros
        self.maxMicros = maxMicros
        self.meanMicros = meanMicros
    }

    /// Negative latencies (an output visible before its event time, possible
    /// with producer clock skew) are recorded as 0.
    public init(recorder: LatencyRecorder) {
        let histogram = recorder.histogram
        guard histogram.totalCount > 0 else {
            self = .empty
            return
        }
        count = Int(histogram.totalCount)
        p50Micros = Int64(histogram.valueAtPercentile(50))
        p95Micros = Int64(histogram.valueAtPercentile(95))
        p99Micros = Int64(histogram.valueAtPercentile(99))
        maxMicros = Int64(histogram.max)
        meanMicros = Int64(recorder.mean.rounded())
    }
}

/// Records latencies into an HdrHistogram with 3 significant digits.
///
/// The per-value path keeps its own counts, indexed exactly as HdrHistogram
/// indexes a 3-digit histogram with a lowest discernible value of 1 (so each
/// count lands in the bucket `Histogram.record` would use), and the
/// `Histogram` is built from them when read. Calling the package's generic
/// `record` per value cost about 500 instructions (a metadata lookup per
/// call, callgrind, issue 14); this costs a shift, a compare and an add.
/// The real minimum and maximum are recorded as themselves, so every figure
/// read from the histogram is the one direct recording gives
/// (`LatencyRecorderTests`).
public struct LatencyRecorder {
    // HdrHistogram's layout for 3 significant digits: 2 * 10^3 needs 11 bits
    // of sub-buckets, half of which (1,024) start each bucket after the first.
    static var subBucketHalfCountMagnitude: Int { 10 }
    static var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }
    static var subBucketMask: UInt64 { UInt64(2 * subBucketHalfCount - 1) }
    static var leadingZeroCountBase: Int { 64 - (subBucketHalfCountMagnitude + 1) }

    private var counts: [UInt64] = []
    private var maxValue: UInt64 = 0
    private var minNonZeroValue = UInt64.max
    public private(set) var count = 0

    public init() {}

    @inline(__always) static func index(of value: UInt64) -> Int {
        let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucket = Int(value >> UInt64(bucket))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
    }

    /// The lowest value whose index is `index`.
    static func lowestValue(at index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket)
    }

    public mutating func record(micros: Int64) {
        let value = UInt64(max(0, micros))
        let index = Self.index(of: value)
        if index >= counts.count { counts += repeatElement(0, count: index + 1 - counts.count) }
        counts[index] &+= 1
        count += 1
        if value > maxValue { maxValue = value }
        if value != 0, value < minNonZeroValue { minNonZeroValue = value }
    }

    /// `Histogram.mean`, from the counts directly: the same sum, in the same
    /// (index) order, of each bucket's median equivalent value times its
    /// count. Reading it through the histogram's generic iterator cost ~100 M
    /// instructions per run (callgrind, issue 14).
    public var mean: Double {
        guard count > 0 else { return 0 }
        var total: Double = 0
        for (index, counted) in counts.enumerated() where counted > 0 {
            let lowest = Self.lowestValue(at: index)
            let bucket = leadingZeroCountBaseValue(lowest)
            total += Double(lowest + ((UInt64(1) << UInt64(bucket)) >> 1)) * Double(counted)
        }
        return total / Double(count)
    }

    private func leadingZeroCountBaseValue(_ value: UInt64) -> Int {
        Self.leadingZeroCountBase - (value | Self.subBucketMask).leadingZeroBitCount
    }

    /// The HdrHistogram of every value recorded.
    public var histogram: Histogram<UInt64> {
        // Sized for the largest value at once: growing it value by value
        // (autoResize) cost ~85 M instructions per run in callgrind. The
        // layout below the top bucket is the same either way.
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Swift.max(2, maxValue),
                                          numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for (index, total) in counts.enumerated() where total > 0 {
            var left = total
            // The extremes as themselves (same bucket, so the same counts), the rest at the bucket's lowest value.
            if count > 0, Self.index(of: maxValue) == index {
                histogram.record(maxValue)
                left -= 1
            }
            if left > 0, minNonZeroValue != .max, Self.index(of: minNonZeroValue) == index {
                histogram.record(minNonZeroValue)
                left -= 1
            }
            if left > 0 { histogram.record(Self.lowestValue(at: index), count: left) }
        }
        return histogram
    }

    /// (latency µs, cumulative fraction) points for a CDF chart, at HdrHistogram's
    /// percentile ticks.
    public func cdfPoints(ticksPerHalfDistance: Int = 5) -> [(micros: Int64, fraction: Double)] {
        guard count > 0 else { return [] }
        let histogram = self.histogram
        var points: [(Int64, Double)] = []
        for value in histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance) {
            points.append((Int64(value.value), value.percentile / 100))
        }
        return points
    }
}
