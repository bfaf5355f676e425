import Dataflow
import Engines
import SimKernel
import Workloads

/// The lab behind exercise 10 and lessons 02-03: one-minute tumbling counts
/// over TheWorldShop's order stream, run by the lab's `MicroBatchEngine`
/// (the conformance-checked Spark Structured Streaming scheduler, append
/// mode), measuring how late the results come and how many events they include.
///
/// Model. Orders happen as a Poisson process (`ratePerSecond`). Each reaches
/// the source after a delay: most within a second, a small share (mobile
/// clients on a bad network) after a lognormal delay of several seconds, so
/// arrival order is not event-time order. A batch runs every
/// `triggerIntervalMicros` of processing time over the events that arrived
/// since the previous one.
/// Every rule is the engine's (`SparkBatchProgress`, `WindowRules.spark`):
/// the watermark is `max event time seen − delay`, computed at the end of
/// batch N and used by batch N+1; late rows are filtered with the previous
/// batch's watermark; append mode emits a window once, when
/// `window.end <= watermark`, and a no-data batch runs at the next trigger
/// whenever the watermark moved. Processing costs are zero here: latency
/// comes from the trigger and the watermark alone, which is what the
/// exercise is about.
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
        let events = self.events().enumerated().map { index, pair in
            Event(id: UInt64(index), key: 0, value: 1, eventTime: Instant(micros: pair.eventMicros),
                  arrivalTime: Instant(micros: pair.arrivalMicros))
        }
        let engine = MicroBatchEngine(trigger: .fixedInterval(Duration(micros: settings.triggerIntervalMicros)),
                                      watermarkDelay: Duration(micros: settings.watermarkDelayMicros), outputMode: .append)
        let query = Query(watermark: WatermarkStrategy(delay: Duration(micros: settings.watermarkDelayMicros)), keyBy: .constant,
                          window: .tumbling(size: Duration(micros: windowMicros)), aggregates: AggregateSpec([.count]),
                          lateData: .drop, outputMode: .append)
        let run = engine.run(query: query, events: events)
        // A window's latency: from its end to the end of the batch that emitted it.
        let latencies = run.outputs.map { ($0.processingTime - $0.output.window.end).micros }.sorted()
        // Completeness: every row not dropped by the late filter is in the
        // state and in its window's count (windows the last watermark left
        // open included, as a query that keeps running would emit them).
        return Result(eventCount: events.count, countedEventCount: events.count - run.droppedLateCount, droppedLateCount: run.droppedLateCount,
                      windowCount: run.outputs.count, latencyP50Micros: NearestRank.value(of: 0.5, inSorted: latencies),
                      latencyP95Micros: NearestRank.value(of: 0.95, inSorted: latencies), latencyMaxMicros: latencies.last ?? 0)
    }

}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
