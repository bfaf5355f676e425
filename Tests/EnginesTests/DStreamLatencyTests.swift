import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// DStream (processing-time-only) latency is measured as on the other
/// engines: from a row's latest input to the end of the batch that emits it,
/// not from the batch time the engine stamps on records to place them.
@Suite struct DStreamLatencyTests {
    static func arrivals(_ millis: [Int64], key: (Int) -> Int32 = { _ in 1 }) -> [Event] {
        millis.enumerated().map { index, arrival in
            Event(id: UInt64(index), key: key(index), value: 1, eventTime: .millis(arrival), arrivalTime: .millis(arrival))
        }
    }

    @Test func dStreamRowLatencyRunsFromItsLatestArrivalToTheEndOfItsBatch() {
        let engine = MicroBatchEngine(
            trigger: .fixedInterval(.seconds(1)), watermarkDelay: .zero, costs: EngineCosts(perBatch: .millis(50)),
            timeDomain: .processingTime)
        let query = Query(watermark: WatermarkStrategy(delay: .zero), window: .tumbling(size: .seconds(1)))
        let run = engine.run(query: query, events: Self.arrivals([300, 900, 1_500]))
        let latencies = run.outputs.map { ($0.processingTime - $0.output.aggregates.latestEventTime).micros / 1_000 }
        // Batch 1 s (records at 0.3 s and 0.9 s) ends at 1.05 s; batch 2 s (1.5 s) ends at 2.05 s.
        // Measured from the batch time instead, both would read 50 ms.
        #expect(latencies == [150, 550])
        #expect(run.rows == [Row(1, 0, 1_000, count: 2, sum: 2, batch: 0), Row(1, 1_000, 2_000, count: 1, sum: 1, batch: 1)])
    }

    @Test func dStreamLatencySpansItsBatchIntervalWhenInputArrivesUniformly() throws {
        // One event every 10 ms for 20 s, each its own key, so each row's
        // latency is its event's: the wait for the end of its batch plus the batch's work.
        let events = Self.arrivals((1...2_000).map { Int64($0) * 10 }, key: { Int32($0) })
        let preset = try PresetRegistry.preset(named: "spark-dstream")
        guard case .microBatch(.fixedInterval(let interval)) = preset.schedule else {
            Issue.record("spark-dstream is not a fixed-interval micro-batch preset")
            return
        }
        let query = RunQuery(
            query: Query(watermark: WatermarkStrategy(delay: .zero), window: .tumbling(size: interval)),
            summary: "count per key per batch interval")
        let outcome = ScenarioRunner.run(events: events, query: query, preset: preset)
        let batchWork = outcome.costs.perBatch.micros + 200 * outcome.costs.perRecord.micros
        #expect(outcome.latency.count == 2_000)
        // The event that arrives just after a batch time waits the whole interval.
        #expect(outcome.latency.maxMicros >= interval.micros, "max \(outcome.latency.maxMicros) µs")
        #expect(outcome.latency.maxMicros <= interval.micros + batchWork)
        #expect(outcome.latency.p50Micros >= interval.micros / 2, "p50 \(outcome.latency.p50Micros) µs")
        // Nothing is faster than the batch's own work.
        let fastest = outcome.run.outputs.map { ($0.processingTime - $0.output.aggregates.latestEventTime).micros }.min() ?? 0
        #expect(fastest >= outcome.costs.perBatch.micros)
    }
}
