import Dataflow
import Delivery
import Engines
import SimKernel
import Testing
import Workloads
@testable import Harness

/// Issue 18: the lab's side of the timing calibration measures exactly what
/// Calibration/metrics.py measures of the real engines, replays each run's
/// timer phases, and its check fails when a preset's constant is wrong.
@Suite struct CalibrationTests {
    let workload = CalibrationData.Workload(
        scenario: "reference", seed: 11, keyCount: 100, windowMicros: 1_000_000, watermarkDelayMicros: 200_000,
        warmupMicros: 0, feedMicros: 20_000_000, drainMicros: 12_000_000)

    func event(_ id: UInt64, key: Int32 = 0, eventMillis: Int64, arrivalMillis: Int64) -> Event {
        Event(id: id, key: key, value: 1, eventTime: Instant(micros: eventMillis * 1_000), arrivalTime: Instant(micros: arrivalMillis * 1_000))
    }

    @Test func aWindowClosesAtTheFirstArrivalWhoseEventTimeReachesItsEndPlusTheDelay() {
        let events = [
            event(0, eventMillis: 100, arrivalMillis: 150),
            event(1, eventMillis: 1_150, arrivalMillis: 1_200),  // 1 150 < 1 000 + 200: not yet
            event(2, eventMillis: 1_200, arrivalMillis: 1_300),  // 1 200 ≥ 1 200: closes [0, 1 s)
            event(3, eventMillis: 900, arrivalMillis: 1_350),
        ]
        #expect(CalibrationRun.closeTimes(events, workload: workload) == [1_000_000: 1_300_000])
    }

    @Test func latenciesRunFromTheCloseTimeAndFromTheWindowEnd() {
        let events = [event(0, eventMillis: 100, arrivalMillis: 150), event(1, key: 1, eventMillis: 1_200, arrivalMillis: 1_300)]
        let visible = [OutputIdentity.window(key: 0, startMicros: 0): Int64(1_400_000)]
        let measured = CalibrationRun.summarize(events: events, firstVisible: visible, workload: workload)
        #expect(measured.processingTime == CalibrationData.Percentiles(p50Millis: 100, p99Millis: 100))
        #expect(measured.eventTime == CalibrationData.Percentiles(p50Millis: 400, p99Millis: 400))
        #expect(measured.windows == 1)
        #expect(measured.missingWindows == 0)
    }

    @Test func aWindowNotVisibleWithinTheDrainTimeIsMissing() {
        let events = [event(0, eventMillis: 100, arrivalMillis: 150), event(1, key: 1, eventMillis: 1_200, arrivalMillis: 1_300)]
        let visible = [OutputIdentity.window(key: 0, startMicros: 0): Int64(1_300_000 + 12_000_001)]
        let measured = CalibrationRun.summarize(events: events, firstVisible: visible, workload: workload)
        #expect(measured.windows == 0)
        #expect(measured.missingWindows == 1)
        #expect(!measured.sustainable)
    }

    @Test func aClockAnchoredAtAnOriginFiresWholeIntervalsFromIt() {
        let interval = Duration.millis(200)
        #expect(TimerPhases.next(after: .zero, interval: interval, origin: .millis(150)) == Instant(micros: 150_000))
        #expect(TimerPhases.next(after: Instant(micros: 150_000), interval: interval, origin: .millis(150)) == Instant(micros: 350_000))
        #expect(TimerPhases.next(after: .zero, interval: interval, origin: .millis(1_150)) == Instant(micros: 150_000))
        #expect(FlinkWatermarkGenerator.firstPeriodicTick(after: Instant(micros: 160_000), interval: interval, origin: .millis(150))
            == Instant(micros: 350_000))
        #expect(FlinkWatermarkGenerator.firstPeriodicTick(after: Instant(micros: 160_000), interval: interval) == Instant(micros: 200_000))
    }

    func measurement(_ configuration: CalibrationData.Configuration, engine: String, startEpochMicros: Int64 = 0,
                     measured: CalibrationData.Percentiles = .init(p50Millis: 1, p99Millis: 1)) -> CalibrationData.Measurement {
        CalibrationData.Measurement(
            id: "m", engine: engine, configuration: configuration, ratePerSecond: 1_000, processingTime: measured,
            eventTime: measured, windows: 1, missingWindows: 0, sustainable: true, startEpochMicros: startEpochMicros,
            watermarkTimer: .init(firstMicros: 37_000, periodMicros: 200_700), barrierTimer: .init(firstMicros: 420_000, periodMicros: 1_000_000))
    }

    @Test func sparkTriggersFallOnWallClockMultiplesSoThePhaseFollowsTheFeedStart() throws {
        let run = measurement(.sparkTrigger(intervalMicros: 1_000_000), engine: "spark-structured-streaming",
                              startEpochMicros: 1_796_000_000_250_000)
        let engine = try CalibrationRun.engine(engineName: run.engine, configuration: run.configuration, timers: run.runs[0])
        #expect(engine.timerPhases.trigger == .millis(750))
        #expect(engine.triggerInterval == .seconds(1))
    }

    @Test func flinkReplaysTheMeasuredWatermarkTimerAndCheckpointPhase() throws {
        let run = measurement(.flinkCheckpoints(intervalMicros: 1_000_000), engine: "flink")
        let engine = try CalibrationRun.engine(engineName: run.engine, configuration: run.configuration, timers: run.runs[0])
        #expect(engine.guarantee == .exactlyOnce)
        #expect(engine.checkpointInterval == .seconds(1))
        #expect(engine.timerPhases == TimerPhases(watermarkTick: .millis(37), watermarkPeriod: Duration(micros: 200_700),
                                                  checkpoint: .millis(420)))
    }

    /// "Honest": measurements the default preset predicts exactly pass the
    /// check; the same measurements with one constant changed fail it.
    @Test func theCheckReportsAPresetConstantThatDisagreesWithTheMeasurements() throws {
        var run = measurement(.flinkCheckpoints(intervalMicros: 1_000_000), engine: "flink")
        let engine = try CalibrationRun.engine(engineName: "flink", configuration: run.configuration, timers: run.runs[0])
        let events = try CalibrationRun.events(workload, rate: 1_000, engine: "flink")
        run.processingTime = CalibrationRun.measure(engine, events: events, workload: workload).processingTime
        let data = CalibrationData(file: "m.json", sparkVersion: "4.3.0", flinkVersion: "2.3.0", machine: "test",
                                   workload: workload, measurements: [run], searches: [])
        #expect(CalibrationCheck.run(data, jobs: 1).failures.isEmpty)
        var slowCommit = CostModel.flink
        slowCommit.checkpointCompletion = .seconds(2)
        let failures = CalibrationCheck.run(data, costModels: ["flink": slowCommit], jobs: 1).failures
        #expect(failures.map(\.quantity) == ["p50", "p99"])
        #expect(failures.allSatisfy { $0.relativeError > 0.25 })
    }

    @Test func aMeasurementFileWithAMisspelledFieldIsRejectedByName() {
        let text = #"{"format":1,"versions":{"spark":"4.3.0","flink":"2.3.0"},"machine":{"cores":2,"cpu_model":"x","memory_gib":1},"workload":{"scenario":"reference","seed":1,"keys":10,"window_ms":1000,"watermark_delay_ms":200,"warmup_ms":0,"feed_seconds":5,"drain_seconds":1},"measurements":[{"id":"a","engine":"flink","configuration":{"checkpoint_msec":0}}],"sustainable_throughput":[]}"#
        #expect(throws: InputError(file: "m.json", field: "measurements[0].configuration.checkpoint_msec",
                                   reason: "unknown field; did you mean 'checkpoint_ms'?")) {
            _ = try CalibrationData.parse(text, file: "m.json")
        }
    }

    /// `--from`: measurements made with a known per-batch overhead are refitted
    /// to it, and the refitted preset passes the check the default one fails.
    @Test func aRefitRecoversTheConstantTheMeasurementsWereMadeWith() throws {
        var run = measurement(.sparkTrigger(intervalMicros: 100_000), engine: "spark-structured-streaming",
                              startEpochMicros: 1_796_000_000_040_000)
        var slow = CostModel.sparkStructuredStreaming
        slow.perBatch = .millis(380)
        let engine = try CalibrationRun.engine(engineName: run.engine, configuration: run.configuration, timers: run.runs[0], costModel: slow)
        let events = try CalibrationRun.events(workload, rate: 1_000, engine: run.engine)
        run.processingTime = CalibrationRun.measure(engine, events: events, workload: workload).processingTime
        let data = CalibrationData(file: "m.json", sparkVersion: "4.3.0", flinkVersion: "2.3.0", machine: "test",
                                   workload: workload, measurements: [run], searches: [])
        #expect(!CalibrationCheck.run(data, jobs: 2).failures.isEmpty)
        let fitted = try #require(CalibrationFit.fit(data, jobs: 2).first)
        #expect(fitted.engine == "spark-structured-streaming")
        #expect(abs(fitted.costModel.perBatch.micros - 380_000) <= 40_000)
        #expect(CalibrationCheck.run(data, costModels: [fitted.engine: fitted.costModel], jobs: 2).failures.isEmpty)
    }

    /// A file with repeats: every run under "repeats", the runs' medians at the top.
    func repeatsFile(p50: String) -> String {
        func run(_ p50: Double, _ t0: Int) -> String {
            #"{"events":10,"windows":\#(t0 == 1 ? 8 : 9),"missing_windows":0,"processing_time_latency_ms":{"p50":\#(p50),"p99":900},"#
                + #""event_time_latency_ms":{"p50":1,"p99":2},"sustainable":true,"feeder_max_lag_ms":1,"t0_epoch_ms":\#(t0),"#
                + #""timers":{"batch":{"first_ms":1,"period_ms":100,"firings":3}}}"#
        }
        return #"{"format":1,"versions":{"spark":"4.3.0","flink":"2.3.0"},"machine":{"cores":2,"cpu_model":"x","memory_gib":1},"#
            + #""workload":{"scenario":"reference","seed":1,"keys":10,"window_ms":1000,"watermark_delay_ms":200,"warmup_ms":0,"#
            + #""feed_seconds":5,"drain_seconds":1,"repeats":3},"measurements":[{"id":"s","engine":"spark-structured-streaming","#
            + #""configuration":{"trigger_ms":1000},"rate_per_s":1000,"missing_windows":0,"sustainable":true,"#
            + #""processing_time_latency_ms":{"p50":\#(p50),"p99":900},"event_time_latency_ms":{"p50":1,"p99":2},"repeats":["#
            + [run(700, 1), run(400, 2), run(1_500, 3)].joined(separator: ",") + "]}],\"sustainable_throughput\":[]}"
    }

    @Test func aMeasurementKeepsEveryRepeatWithItsOwnClocks() throws {
        let data = try CalibrationData.parse(repeatsFile(p50: "700"), file: "m.json")
        let measurement = try #require(data.measurements.first)
        #expect(data.workload.repeats == 3)
        #expect(measurement.runs.map(\.startEpochMicros) == [1_000, 2_000, 3_000])
        #expect(measurement.runs.map(\.processingTime.p50Millis) == [700, 400, 1_500])
        #expect(measurement.processingTime == .init(p50Millis: 700, p99Millis: 900))
        #expect(measurement.windows == 8)
    }

    @Test func theCheckSaysItsFiguresAreMediansOfTheRuns() throws {
        let data = try CalibrationData.parse(repeatsFile(p50: "700"), file: "m.json")
        let lines = CalibrationCheck.run(data, latencyOnly: true, jobs: 1).text.split(separator: "\n")
        #expect(lines[3] == "each latency: the median of 3 runs of the real engine, and of the lab replaying each run's clocks")
    }

    /// The check compares the file's top-level medians: one that is not the
    /// runs' median is refused, naming the field.
    @Test func aTopLevelFigureThatIsNotTheRepeatsMedianIsRefused() {
        #expect(throws: InputError(file: "m.json", field: "measurements[0].processing_time_latency_ms.p50",
                                   reason: "must be the median of the repeats' (700.0), got 400.0")) {
            _ = try CalibrationData.parse(repeatsFile(p50: "400"), file: "m.json")
        }
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        #expect(CalibrationData.median([3, 1, 2]) == 2)
        #expect(CalibrationData.median([4, 1, 3, 2]) == 2.5)
        #expect(CalibrationData.median([Double]()) == nil)
    }

    /// Each run is replayed with its own trigger phase, and the prediction
    /// of the measurement is the median of the runs' predictions.
    @Test func theCheckPredictsTheMedianOfTheRunsEachWithItsOwnClocks() throws {
        let starts: [Int64] = [1_796_000_000_040_000, 1_796_000_000_480_000, 1_796_000_000_910_000]
        var single: [CalibrationData.Percentiles] = []
        for start in starts {
            let one = measurement(.sparkTrigger(intervalMicros: 1_000_000), engine: "spark-structured-streaming", startEpochMicros: start)
            let data = CalibrationData(file: "m.json", sparkVersion: "4.3.0", flinkVersion: "2.3.0", machine: "test",
                                       workload: workload, measurements: [one], searches: [])
            let comparisons = CalibrationCheck.run(data, latencyOnly: true, jobs: 1).comparisons
            single.append(.init(p50Millis: comparisons[0].predicted, p99Millis: comparisons[1].predicted))
        }
        #expect(Set(single.map(\.p50Millis)).count == 3, "the phases must matter for this test to mean anything")
        var three = measurement(.sparkTrigger(intervalMicros: 1_000_000), engine: "spark-structured-streaming")
        three.runs = starts.map { .init(processingTime: three.processingTime, startEpochMicros: $0, watermarkTimer: nil, barrierTimer: nil) }
        let data = CalibrationData(file: "m.json", sparkVersion: "4.3.0", flinkVersion: "2.3.0", machine: "test",
                                   workload: workload, measurements: [three], searches: [])
        let comparisons = CalibrationCheck.run(data, latencyOnly: true, jobs: 1).comparisons
        #expect(comparisons[0].predicted == single.map(\.p50Millis).sorted()[1])
        #expect(comparisons[1].predicted == single.map(\.p99Millis).sorted()[1])
    }
}
