import Delivery
import Engines
import SimKernel
import Testing
import Workloads

/// Spark runs a no-data batch whenever the watermark moved, even with nothing
/// to evict, and that batch's watermark filters the next data batch's late
/// rows. The delivery pipeline must do the same, or it counts rows Spark drops.
@Suite struct NoDataBatchTests {
    @Test func aNoDataBatchMovesTheLateFilterForTheNextDataBatch() throws {
        // Window 500 ms, watermark delay 100 ms, trigger 100 ms.
        let events = [
            // Batch 0: max event time 1.0 s, so the next watermark is 0.9 s.
            Event(id: 0, key: 0, value: 1, eventTime: Instant(micros: 1_000_000), arrivalTime: Instant(micros: 1_000_000)),
            // Arrives 0.5 s later, in window [0, 0.5 s): its end 0.5 s <= 0.9 s.
            Event(id: 1, key: 0, value: 1, eventTime: Instant(micros: 300_000), arrivalTime: Instant(micros: 1_500_000)),
        ]
        let result = try configuration(smallSpark, .atLeastOnce).run(events: events)
        #expect(result.finished)
        // Between the two, a no-data batch evicted with 0.9 s, so the second
        // batch filters with 0.9 s (Spark: late when window.end <= watermark).
        #expect(result.droppedLateCount == 1)
        let windows = visibleCounts(result).filter { $0.key.kind == .window }
        #expect(windows.count == 1)  // only [1.0 s, 1.5 s), from the first event
    }
}
