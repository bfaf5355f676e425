import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Processing-time timers fire when the engine's clock reaches them, not when
/// the next record happens to wake the operator: every engine drives
/// `advanceProcessingTime` as its cost model moves its clock.
@Suite struct ProcessingTimeTimerTests {
    /// Registers one processing-time timer `delay` after each record is
    /// handled and reports, when it fires, the time the function saw.
    struct Reminder: KeyedProcessFunction {
        struct Fired: Equatable {
            var key: Int32
            var timer: Instant
            var seenProcessingTime: Instant
        }

        let delay: Duration

        func processElement(_ event: Event, state: inout Int?, context: inout KeyedProcessContext<Fired>) {
            state = (state ?? 0) + 1
            context.registerTimer(.processingTime, at: context.processingTime + delay)
        }

        func onTimer(at time: Instant, domain: TimerDomain, state: inout Int?, context: inout KeyedProcessContext<Fired>) {
            context.emit(Fired(key: context.key, timer: time, seenProcessingTime: context.processingTime))
        }
    }

    static func event(_ id: UInt64, key: Int32, arrival: Instant) -> Event {
        Event(id: id, key: key, value: 1, eventTime: arrival, arrivalTime: arrival)
    }

    /// Key 1 arrives at 0 s and never again; key 2 only at 10 minutes.
    static let quietKeyEvents = [event(0, key: 1, arrival: .zero), event(1, key: 2, arrival: .seconds(600))]

    @Test func recordEngineFiresATimerAtItsDueTimeWithNoFurtherRecord() throws {
        let costs = EngineCosts(perRecord: Duration(micros: 5))
        let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .zero, emission: .perEvent), costs: costs)
        var op = KeyedProcessOperator(Reminder(delay: .minutes(2)))
        let run = engine.run(&op, events: Self.quietKeyEvents)
        let due = Instant(micros: 5) + .minutes(2)
        let fired = try #require(run.outputs.first)
        #expect(fired.output == .init(key: 1, timer: due, seenProcessingTime: due))
        #expect(fired.processingTime == due, "stamped when it fired, not when key 2 arrived")
        // Key 2's timer (due at 12 min) is still pending when its record, the
        // last, has finished: Flink quiesces processing-time timers at end of input.
        #expect(run.outputs.count == 1)
        #expect(op.pendingTimerCount(.processingTime) == 1)
        #expect(run.finishTime == Instant.seconds(600) + Duration(micros: 5))
    }

    @Test func recordEngineFiresATimerThatFellDueWhileBusyWhenTheRecordInHandIsDone() throws {
        // Each record takes 1 s; the timer of the first (due at 1.5 s) falls
        // inside the second record's work (1.2 s to 2.2 s).
        let costs = EngineCosts(perRecord: .seconds(1))
        let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .zero, emission: .perEvent), costs: costs)
        var op = KeyedProcessOperator(Reminder(delay: .millis(500)))
        let events = [Self.event(0, key: 1, arrival: .zero), Self.event(1, key: 2, arrival: .millis(1_200))]
        let run = engine.run(&op, events: events)
        let stamps = run.outputs.map { [$0.output.key, Int32($0.output.timer.micros / 1_000), Int32($0.processingTime.micros / 1_000)] }
        #expect(stamps == [[1, 1_500, 2_200]], "\(stamps)")
    }

    @Test func recordEngineWithPeriodicWatermarksStillFiresATimerAtItsDueTime() throws {
        // The 1 s watermark tick before key 2 first drives the clock to 1 s,
        // which fires the timer due at 0.4 s at 0.4 s.
        let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .zero, emission: .periodic(interval: .seconds(1))))
        var op = KeyedProcessOperator(Reminder(delay: .millis(300)))
        let events = [Self.event(0, key: 1, arrival: .millis(100)), Self.event(1, key: 2, arrival: .millis(5_000))]
        let run = engine.run(&op, events: events)
        #expect(run.outputs.map(\.processingTime) == [.millis(400)])
    }

    @Test func microBatchEngineRunsANoDataBatchWhenATimeoutIsDue() throws {
        // Spark: `ProcessingTimeTimeout` makes every trigger run a batch; the
        // timeout fires in the first batch whose time is beyond it.
        let costs = EngineCosts(perRecord: Duration(micros: 5), perBatch: .millis(50))
        let engine = MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: .zero, costs: costs)
        var op = KeyedProcessOperator(Reminder(delay: .minutes(2)), timerRule: .sparkGroupState)
        let run = engine.run(&op, events: Self.quietKeyEvents)
        // Batch 0 runs at 0 s and commits at 50.005 ms; the timeout is 2 min later.
        let timeout = Instant(micros: 50_005) + .minutes(2)
        let fired = try #require(run.outputs.first)
        #expect(fired.output.key == 1 && fired.output.timer == timeout)
        // The trigger at 120 s ends at 120.05 s, not beyond 120.050005 s; the one at 121 s is.
        #expect(fired.processingTime == .seconds(121) + .millis(50))
        #expect(fired.output.seenProcessingTime == fired.processingTime)
        #expect(fired.batch == 1)
        // Batches: 0 (key 1), 1 (the timeout, no data), 2 (key 2), 3 (no data: key 2 moved the watermark).
        #expect(run.batchCount == 4 && run.noDataBatchCount == 2)
    }

    @Test func microBatchEngineWithFlinkTimersFiresAtTheFirstBatchEndingAtTheTimer() throws {
        let engine = MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: .zero, costs: EngineCosts(perBatch: .millis(50)))
        var op = KeyedProcessOperator(Reminder(delay: .minutes(2)))
        let run = engine.run(&op, events: Self.quietKeyEvents)
        // Due at 120.05 s: the batch triggered at 120 s ends exactly then.
        #expect(run.outputs.map(\.processingTime) == [.seconds(120) + .millis(50)])
    }

    @Test func dStreamModeFiresATimerAtTheBatchItFallsDueIn() throws {
        let engine = MicroBatchEngine(
            trigger: .fixedInterval(.seconds(2)), watermarkDelay: .zero, costs: EngineCosts(perBatch: .millis(50)),
            timeDomain: .processingTime)
        var op = KeyedProcessOperator(Reminder(delay: .seconds(7)))
        let events = [Self.event(0, key: 1, arrival: .zero), Self.event(1, key: 2, arrival: .seconds(30))]
        let run = engine.run(&op, events: events)
        // Batch at 0 s ends at 0.05 s; due at 7.05 s; the batch at 8 s ends at 8.05 s.
        let fired = try #require(run.outputs.first)
        #expect(fired.output.key == 1 && fired.processingTime == .seconds(8) + .millis(50))
    }

    @Test func batchEngineRunsAScheduledJobWithoutNewDataWhenATimerIsDue() throws {
        let engine = BatchEngine(schedule: .hourly, costs: EngineCosts(perBatch: .seconds(2)))
        var op = KeyedProcessOperator(Reminder(delay: .minutes(2)))
        let events = [Self.event(0, key: 1, arrival: .zero), Self.event(1, key: 2, arrival: .seconds(3 * 3_600))]
        let run = engine.run(&op, events: events)
        let firstTimer = try #require(run.outputs.first { $0.output.key == 1 })
        // The 1 h job has no new data but runs for the timer (due at 2 min 2 s), not the 3 h one.
        #expect(firstTimer.processingTime == .seconds(3_600 + 2))
        #expect(firstTimer.batch == 1)
    }
}
