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
        meanMicros = Int64(histogram.mean.rounded())
    }
}

/// Records latencies into an HdrHistogram with 3 significant digits.
public struct LatencyRecorder {
    public private(set) var histogram: Histogram<UInt64>

    public init() {
        histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
    }

    public mutating func record(micros: Int64) {
        _ = histogram.record(UInt64(max(0, micros)))
    }

    /// (latency µs, cumulative fraction) points for a CDF chart, at HdrHistogram's
    /// percentile ticks.
    public func cdfPoints(ticksPerHalfDistance: Int = 5) -> [(micros: Int64, fraction: Double)] {
        guard histogram.totalCount > 0 else { return [] }
        var points: [(Int64, Double)] = []
        for value in histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance) {
            points.append((Int64(value.value), value.percentile / 100))
        }
        return points
    }
}
