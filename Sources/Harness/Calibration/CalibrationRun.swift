import Delivery
import Engines
import SimKernel
import Workloads

/// The lab's side of a calibration: the same stream, the same configuration,
/// the same measures as `make calibrate` takes of the real engine
/// (Calibration/metrics.py defines them; this file follows it line by line).
///
/// For a window [start, end) of one key, its close time is the arrival of the
/// first event, in arrival order, whose event time is at least end + the
/// watermark delay (then Flink's watermark, max − delay − 1, reaches end − 1
/// and Spark's, max − delay, reaches end). Processing-time latency runs from
/// the close time to the window's first visibility, event-time latency from
/// its end. Windows that end before the warm-up, or do not close while the
/// stream is fed, are not measured; a window not visible within the drain
/// time after the last event is missing.
public enum CalibrationRun {
    /// What a run measured, in the units of the measurement file.
    public struct Measured: Sendable, Equatable {
        public var processingTime: CalibrationData.Percentiles
        public var eventTime: CalibrationData.Percentiles
        public var windows: Int
        public var missingWindows: Int
        public var sustainable: Bool
    }

    /// Spark reads the stream as files the feeder releases every 20 ms
    /// (Calibration/feeder.py): an event is seen at the end of its slot.
    static let sparkReleaseSlotMicros: Int64 = 20_000

    /// The generated stream at `rate`, with arrivals as the real engine saw them.
    public static func events(_ workload: CalibrationData.Workload, rate: Int, engine: String) throws(InputError) -> [Event] {
        let scenario = try ScenarioCatalog.load(workload.scenario, overrides: [
            "arrivals.rate_per_s": String(rate), "key_space.count": String(workload.keyCount),
        ])
        let generator = scenario.makeGenerator(seed: workload.seed, duration: Duration(micros: workload.feedMicros))
        var events: [Event] = []
        while var event = generator.next() {
            if engine == "spark-structured-streaming" {
                let slot = sparkReleaseSlotMicros
                let released = (event.arrivalTime.micros + slot - 1) / slot * slot
                event.arrivalTime = Instant(micros: Swift.max(slot, released))
            }
            events.append(event)
        }
        return events
    }

    /// The preset under the measured configuration, its clocks in the phases
    /// the real run (`timers`) had; `costModel` replaces the preset's constants (a refit,
    /// or the check's own test that a wrong constant is caught).
    public static func engine(engineName: String, configuration: CalibrationData.Configuration,
                              timers: CalibrationData.Run?, costModel: CostModel? = nil) throws(InputError) -> DeliveryEngine {
        var preset = try PresetRegistry.preset(named: engineName, field: "engine")
        if let costModel { preset.costModel = costModel }
        switch configuration {
        case .flinkCheckpoints(let interval):
            var engine = try DeliveryEngine(preset: preset, guarantee: interval == nil ? .atMostOnce : .exactlyOnce)
            if let interval { engine.checkpointInterval = Duration(micros: interval) }
            if let tick = timers?.watermarkTimer {
                engine.timerPhases.watermarkTick = Duration(micros: tick.firstMicros)
                engine.timerPhases.watermarkPeriod = Duration(micros: tick.periodMicros)
            }
            if let barrier = timers?.barrierTimer { engine.timerPhases.checkpoint = Duration(micros: barrier.firstMicros) }
            return engine
        case .sparkTrigger(let configured):
            // The default trigger is `ProcessingTimeTrigger(0)`: the next batch
            // starts as soon as the previous one ends, and a check that finds
            // no new data sleeps `spark.sql.streaming.pollingDelay` (10 ms) before
            // the next (MicroBatchExecution.runActivatedStream). The pipeline's
            // trigger grid gives that with a 10 ms interval: a trigger that
            // falls while a batch runs starts the next batch as it ends.
            let interval = configured ?? 10_000
            // foreachBatch rows are visible as the batch writes them: the
            // at-least-once sink (visible at once), not the transactional file sink.
            var engine = try DeliveryEngine(preset: preset, guarantee: .atLeastOnce)
            engine.triggerInterval = Duration(micros: interval)
            if configured != nil, let start = timers?.startEpochMicros {
                // Spark fires at wall-clock multiples of the interval: on the
                // feed's clock, the first multiple after its start.
                engine.timerPhases.trigger = Duration(micros: (interval - start % interval) % interval)
            }
            return engine
        }
    }

    /// Runs `engine` over `events` and measures it as the real run was measured.
    public static func measure(_ engine: DeliveryEngine, events: [Event], workload: CalibrationData.Workload) -> Measured {
        let query = QuerySettings(windowSizeMicros: workload.windowMicros, watermarkDelayMicros: workload.watermarkDelayMicros)
        let result = DeliveryRunConfiguration(engine: engine, query: query, seed: workload.seed).run(events: events)
        var firstVisible: [OutputIdentity: Int64] = [:]
        for visible in result.sink.visible where visible.output.identity.kind == .window {
            let identity = visible.output.identity
            if firstVisible[identity].map({ visible.visibleAt.micros < $0 }) ?? true {
                firstVisible[identity] = visible.visibleAt.micros
            }
        }
        return summarize(events: events, firstVisible: firstVisible, workload: workload)
    }

    static func summarize(events: [Event], firstVisible: [OutputIdentity: Int64], workload: CalibrationData.Workload) -> Measured {
        let closes = closeTimes(events, workload: workload)
        let lastArrival = events.last?.arrivalTime.micros ?? 0
        var processing: [Int64] = [], eventTime: [(end: Int64, latency: Int64)] = [], missing = 0
        for window in expectedWindows(events, windowMicros: workload.windowMicros) {
            let end = window.windowStartMicros + workload.windowMicros
            guard end >= workload.warmupMicros, let close = closes[end] else { continue }
            guard let visible = firstVisible[window], visible <= lastArrival + workload.drainMicros else {
                missing += 1
                continue
            }
            processing.append(visible - close)
            eventTime.append((end, visible - end))
        }
        processing.sort()
        eventTime.sort { ($0.end, $0.latency) < ($1.end, $1.latency) }
        return Measured(
            processingTime: percentiles(processing), eventTime: percentiles(eventTime.map(\.latency).sorted()),
            windows: processing.count, missingWindows: missing,
            sustainable: isBounded(eventTime, missing: missing))
    }

    /// Window end → close time (µs), for every end the stream closes.
    static func closeTimes(_ events: [Event], workload: CalibrationData.Workload) -> [Int64: Int64] {
        var closes: [Int64: Int64] = [:]
        guard let first = events.first else { return closes }
        let size = workload.windowMicros
        var runningMax = first.eventTime.micros
        var nextEnd = (runningMax / size + 1) * size
        for event in events {
            runningMax = Swift.max(runningMax, event.eventTime.micros)
            while nextEnd + workload.watermarkDelayMicros <= runningMax {
                closes[nextEnd] = event.arrivalTime.micros
                nextEnd += size
            }
        }
        return closes
    }

    /// Every (key, window) the stream has an event in, in a fixed order.
    static func expectedWindows(_ events: [Event], windowMicros: Int64) -> [OutputIdentity] {
        Set(events.map { OutputIdentity.window(key: $0.key, startMicros: $0.eventTime.micros / windowMicros * windowMicros) }).sorted()
    }

    static func percentiles(_ sortedMicros: [Int64]) -> CalibrationData.Percentiles {
        func millis(_ quantile: Double) -> Double {
            sortedMicros.isEmpty ? 0 : (Double(NearestRank.value(of: quantile, inSorted: sortedMicros)) / 100).rounded() / 10
        }
        return CalibrationData.Percentiles(p50Millis: millis(0.5), p99Millis: millis(0.99))
    }

    /// Calibration/metrics.py's `bounded`: the last fifth's median event-time
    /// latency within 25 % + 250 ms of the second fifth's (250 ms absorbs a
    /// watermark timer drifting through its period), and at most 1 % missing.
    static func isBounded(_ byEnd: [(end: Int64, latency: Int64)], missing: Int) -> Bool {
        let measured = byEnd.count
        guard measured > 0, Double(missing) <= 0.01 * Double(measured + missing) else { return false }
        let fifth = measured / 5
        guard fifth > 0 else { return true }
        let early = byEnd[fifth..<(2 * fifth)].map(\.latency).sorted()
        let late = byEnd[(4 * fifth)...].map(\.latency).sorted()
        return Double(late[late.count / 2]) <= Double(early[early.count / 2]) * 1.25 + 250_000
    }
}
