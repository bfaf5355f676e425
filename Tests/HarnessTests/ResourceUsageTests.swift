import Delivery
import Engines
import Harness
import SimKernel
import Testing

/// Core-hours per simulated day: busy from the cost model, reserved by how the engine holds its slots.
@Suite struct ResourceUsageTests {
    let hourMicros: Int64 = 3_600_000_000

    @Test func flinkIdleForADayIsBusyOnlyWithItsCheckpointPausesAndHoldsItsSlotAllDay() throws {
        var engine = try DeliveryEngine.named("flink", guarantee: .exactlyOnce)
        // The calibrated pause is 0 ms (too short to measure): idle, nothing is busy.
        let idle = ResourceUsage(engine: engine, processedRecords: 0, batches: 0, spanMicros: 24 * hourMicros)
        #expect(idle.busyCoreHoursPerDay == 0)
        #expect(idle.reservedCoreHoursPerDay == 24)
        // 8,640 checkpoints a day (every 10 s), each pausing the core 50 ms: 432 s.
        engine.preset.costModel.perCheckpoint = .millis(50)
        let usage = ResourceUsage(engine: engine, processedRecords: 0, batches: 0, spanMicros: 24 * hourMicros)
        #expect(usage.busyCoreHoursPerDay == 0.12)
        #expect(usage.reservedCoreHoursPerDay == 24)
    }

    @Test func recordWorkScalesFromTheInputSpanToADay() throws {
        let engine = try DeliveryEngine.named("flink", guarantee: .atMostOnce)
        // 3,600,000 records in one hour at 2 + 3 µs each: 18 core-s per hour, 432 core-s a day.
        let usage = ResourceUsage(engine: engine, processedRecords: 3_600_000, batches: 0, spanMicros: hourMicros)
        #expect(abs(usage.busyCoreHoursPerDay - 24 * 18 / 3_600) < 1e-12)
    }

    @Test func aScheduledBatchJobHoldsItsCoresOnlyWhileItRuns() throws {
        let engine = try DeliveryEngine.named("spark-batch", guarantee: .exactlyOnce)
        let usage = ResourceUsage(engine: engine, processedRecords: 0, batches: 0, spanMicros: hourMicros)
        // 24 hourly jobs a day, 2 s of job overhead each.
        #expect(abs(usage.busyCoreHoursPerDay - 48.0 / 3_600) < 1e-12)
        #expect(usage.reservedCoreHoursPerDay == usage.busyCoreHoursPerDay)
    }

    @Test func overheadIsPaidOnEveryCoreButRecordWorkIsShared() throws {
        var engine = try DeliveryEngine.named("spark-structured-streaming", guarantee: .exactlyOnce)
        let one = ResourceUsage(engine: engine, processedRecords: 1_000, batches: 10, spanMicros: hourMicros)
        engine.preset.costModel.parallelism = 4
        let four = ResourceUsage(engine: engine, processedRecords: 1_000, batches: 10, spanMicros: hourMicros)
        // 1 + 4 µs per record; 256 ms per batch plus 20 ms of checkpoint logs.
        let recordHours = 24.0 * 1_000 * 5 / 3_600_000_000, batchHours = 24.0 * 10 * 0.276 / 3_600
        #expect(abs(one.busyCoreHoursPerDay - (recordHours + batchHours)) < 1e-12)
        #expect(abs(four.busyCoreHoursPerDay - (recordHours + 4 * batchHours)) < 1e-12)
        #expect(four.reservedCoreHoursPerDay == 96)
    }
}
