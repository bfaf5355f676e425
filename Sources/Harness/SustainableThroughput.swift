import Delivery
import Engines
import SimKernel
import Workloads

/// Sustainable throughput (Karimov et al., ICDE 2018): the highest input rate
/// at which event-time latency does not keep rising.
///
/// The driver is kept apart from the system under test: a steady Poisson
/// stream at the trial rate, generated from its own RNG stream. A trial is
/// sustainable when the median event-time latency of the last fifth of the
/// events is no more than 25 % (+20 ms) above that of the second fifth — a
/// system that keeps up shows a flat latency, one that falls behind a
/// latency that grows with the backlog. The rate doubles until a trial fails,
/// then four bisection steps narrow it. Each trial is bounded by
/// `maxEventsPerTrial`; a profile still sustainable at that bound is
/// reported as "at least" that rate.
public struct SustainableThroughput: Equatable, Sendable, Codable {
    public var engine: String
    public var eventsPerSecond: Double
    /// True when the search stopped at the trial bound, not at a failure.
    public var isLowerBound: Bool
    public var trials: Int

    public static func search(engine: DeliveryEngine, seed: UInt64, maxEventsPerTrial: Int) -> SustainableThroughput {
        let trialMicros = max(1_000_000, 5 * (engine.triggerInterval?.micros ?? 0))
        let rateCap = Double(maxEventsPerTrial) / (Double(trialMicros) / 1_000_000)
        var good = 0.0, bad: Double? = nil, trials = 0
        var rate = min(1_000.0, rateCap)
        while rate <= rateCap, trials < 24 {
            trials += 1
            if isSustainable(engine: engine, rate: rate, durationMicros: trialMicros, seed: seed) {
                good = rate
                rate *= 2
            } else {
                bad = rate
                break
            }
        }
        if var high = bad {
            for _ in 0..<4 {
                let middle = (good + high) / 2
                trials += 1
                if isSustainable(engine: engine, rate: middle, durationMicros: trialMicros, seed: seed) { good = middle } else { high = middle }
            }
        }
        return SustainableThroughput(engine: engine.name, eventsPerSecond: good.rounded(), isLowerBound: bad == nil, trials: trials)
    }

    static func isSustainable(engine: DeliveryEngine, rate: Double, durationMicros: Int64, seed: UInt64) -> Bool {
        let events = steadyStream(rate: rate, durationMicros: durationMicros, seed: seed)
        guard events.count >= 50 else { return true }
        let query = QuerySettings(windowSizeMicros: 1_000_000, watermarkDelayMicros: 100_000)
        let result = DeliveryRunConfiguration(engine: engine, query: query, seed: seed).run(events: events)
        var latencyByIndex = Array(repeating: Int64(-1), count: events.count)
        for visible in result.sink.visible where visible.output.identity.kind == .perEvent {
            let index = Int(visible.output.identity.eventID)
            if latencyByIndex[index] < 0 { latencyByIndex[index] = (visible.visibleAt - visible.output.latestEventTime).micros }
        }
        func median(_ range: Range<Int>) -> Int64 {
            let values = latencyByIndex[range].filter { $0 >= 0 }.sorted()
            return values.isEmpty ? Int64.max / 4 : values[values.count / 2]
        }
        let fifth = events.count / 5
        let early = median(fifth..<(2 * fifth)), late = median((4 * fifth)..<events.count)
        return late <= early + early / 4 + 20_000
    }

    /// A steady Poisson stream with ids equal to indexes (the driver).
    static func steadyStream(rate: Double, durationMicros: Int64, seed: UInt64) -> [Event] {
        let stream = RandomStream(root: seed, component: "harness.sustainable-driver")
        var events: [Event] = []
        var time = Instant.zero
        while true {
            time = time + Duration.micros(roundingSeconds: stream.exponential(mean: 1 / rate))
            if time.micros > durationMicros { break }
            events.append(Event(id: UInt64(events.count), key: Int32(stream.nextIndex(below: 100)), value: 1,
                                eventTime: time, arrivalTime: time))
        }
        return events
    }
}
