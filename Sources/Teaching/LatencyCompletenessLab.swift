import SimKernel

/// The lab behind exercise 10 and lessons 02-03: one-minute tumbling counts
/// over TheWorldShop's order stream, run by a micro-batch scheduler with
/// Spark Structured Streaming's watermark rules, measuring how late the
/// results come and how many events they include.
///
/// Model. Orders happen as a Poisson process (`ratePerSecond`). Each reaches
/// the source after a delay: most within a second, a small share (mobile
/// clients on a bad network) after a lognormal delay of several seconds, so
/// arrival order is not event-time order. A batch runs every
/// `triggerIntervalMicros` of processing time over the events that arrived
/// since the previous one.
/// - Spark: the watermark is `max event time seen − delay`, only moves
///   forward, is computed at the end of batch N and used by batch N+1.
/// - Spark: a windowed row is late when `window.end <= watermark`; late rows
///   are dropped (filtered with the watermark in force before the batch).
/// - Spark append mode emits a window once, when `window.end <= watermark`;
///   with `noDataMicroBatches` that happens right after the batch that moved
///   the watermark, so the emission time is that batch's trigger time.
/// Processing costs are zero here: latency comes from the trigger and the
/// watermark alone, which is what the exercise is about.
public struct LatencyCompletenessLab: Sendable {
    public struct Settings: Sendable, Equatable {
        public var triggerIntervalMicros: Int64
        public var watermarkDelayMicros: Int64
        public init(triggerIntervalMicros: Int64, watermarkDelayMicros: Int64) {
            self.triggerIntervalMicros = triggerIntervalMicros
            self.watermarkDelayMicros = watermarkDelayMicros
        }
    }

    public struct Result: Sendable, Equatable {
        public var eventCount: Int
        public var countedEventCount: Int
        public var droppedLateCount: Int
        public var windowCount: Int
        public var latencyP50Micros: Int64
        public var latencyP95Micros: Int64
        public var latencyMaxMicros: Int64
        public var completeness: Double { eventCount == 0 ? 1 : Double(countedEventCount) / Double(eventCount) }
    }

    public var seed: UInt64 = 7
    public var ratePerSecond: Double = 50
    public var durationMicros: Int64 = 20 * 60_000_000
    public var windowMicros: Int64 = 60_000_000
    public var lateShare: Double = 0.2
    public var lateDelayMedianSeconds: Double = 6
    public var lateDelaySigma: Double = 1.2

    public init(seed: UInt64 = 7) { self.seed = seed }

    /// (event time, arrival time) pairs in arrival order; deterministic per seed.
    public func events() -> [(eventMicros: Int64, arrivalMicros: Int64)] {
        let arrivals = RandomStream(root: seed, component: "teaching-lab.orders")
        let delays = RandomStream(root: seed, component: "teaching-lab.delays")
        var result: [(eventMicros: Int64, arrivalMicros: Int64)] = []
        var now: Int64 = 0
        let eventLimit = Int(ratePerSecond * Double(durationMicros) / 1e6 * 2) + 10
        while result.count < eventLimit {
            now += SimKernel.Duration.micros(roundingSeconds: arrivals.exponential(mean: 1 / ratePerSecond)).micros
            if now >= durationMicros { break }
            let delaySeconds = delays.bernoulli(probability: lateShare)
                ? delays.lognormal(zeta: log(lateDelayMedianSeconds), sigma: lateDelaySigma)
                : delays.exponential(mean: 0.3)
            result.append((now, now + SimKernel.Duration.micros(roundingSeconds: delaySeconds).micros))
        }
        return result.sorted { ($0.arrivalMicros, $0.eventMicros) < ($1.arrivalMicros, $1.eventMicros) }
    }

    public func run(_ settings: Settings) -> Result {
        precondition(settings.triggerIntervalMicros > 0 && settings.watermarkDelayMicros >= 0)
        let stream = events()
        var counts: [Int64: Int] = [:]       // window start -> count (open windows)
        var latencies: [Int64] = []
        var counted = 0, dropped = 0, windows = 0
        var watermark = Int64.min           // Spark's starts at 0; min keeps negative times honest
        var maxEventTime = Int64.min
        var next = 0
        var batchTime: Int64 = 0
        let lastBatchTime = (stream.last?.arrivalMicros ?? 0) + settings.triggerIntervalMicros
        while batchTime <= lastBatchTime {  // bounded: one batch per trigger until the input ends
            batchTime += settings.triggerIntervalMicros
            while next < stream.count && stream[next].arrivalMicros <= batchTime {
                let event = stream[next]
                next += 1
                let start = event.eventMicros - event.eventMicros % windowMicros
                // Spark: late when window.end <= watermark (the previous batch's).
                if start + windowMicros <= watermark { dropped += 1; continue }
                counts[start, default: 0] += 1
                counted += 1
                maxEventTime = max(maxEventTime, event.eventMicros)
            }
            if maxEventTime != Int64.min { watermark = max(watermark, maxEventTime - settings.watermarkDelayMicros) }
            // Append mode: emit and evict every window with end <= watermark.
            for start in counts.keys.sorted() where start + windowMicros <= watermark {
                latencies.append(batchTime - (start + windowMicros))
                counts[start] = nil
                windows += 1
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Int64 {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
        }
        return Result(eventCount: stream.count, countedEventCount: counted, droppedLateCount: dropped, windowCount: windows,
                      latencyP50Micros: percentile(0.5), latencyP95Micros: percentile(0.95), latencyMaxMicros: latencies.last ?? 0)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
