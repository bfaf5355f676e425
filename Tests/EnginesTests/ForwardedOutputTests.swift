import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// A run whose caller sets `EngineRun.forward` streams its rows out as the
/// engine emits them (issue 14, "Nothing materializes the stream"): it must
/// hand out exactly the rows, stamps and batch ids a kept run holds, in the
/// same order, and keep none. Every engine configuration of the keyed pins,
/// DStream mode (whose rows are restamped after the run) included.
@Suite struct ForwardedOutputTests {
    @Test(arguments: KeyedStateOutputPinTests.windows.map(\.name))
    func aForwardingRunHandsOutWhatAKeptRunHolds(window name: String) throws {
        let window = try #require(KeyedStateOutputPinTests.windows.first { $0.name == name }).spec
        let events = try KeyedStateOutputPinTests.events(keys: 50, count: 20_000)
        var keptRows = 0
        for configuration in KeyedStateOutputPinTests.configurations(window: window, events: events) {
            var kept = EngineRun<WindowResult>()
            configuration.run(&kept)
            var streamed: [Emitted<WindowResult>] = []
            var forwarded = EngineRun<WindowResult>()
            forwarded.forward = { streamed.append(Emitted(output: $0, processingTime: $1, batch: $2)) }
            configuration.run(&forwarded)
            keptRows += kept.outputs.count
            #expect(forwarded.outputs.isEmpty, "\(configuration.name): a forwarding run keeps no rows")
            #expect(streamed == kept.outputs, "\(configuration.name)")
            #expect(forwarded.lateSideOutput == kept.lateSideOutput, "\(configuration.name)")
            #expect(forwarded.droppedLateCount == kept.droppedLateCount, "\(configuration.name)")
            #expect(forwarded.recordsProcessed == kept.recordsProcessed, "\(configuration.name)")
            #expect(forwarded.batchCount == kept.batchCount && forwarded.finishTime == kept.finishTime, "\(configuration.name)")
        }
        // Append-mode sessions never close on this dense stream, so not every configuration emits.
        #expect(keptRows > 1_000)
    }

    /// A DStream run's rows carry their latest arrival as event time whether
    /// they were kept or forwarded, and the caller's `forward` is left in place.
    @Test func aDStreamRunRestampsForwardedRowsAndKeepsTheCallersForward() throws {
        let events = try KeyedStateOutputPinTests.events(keys: 5, count: 2_000)
        let query = Query(watermark: WatermarkStrategy(delay: .zero), keyBy: .key, window: .tumbling(size: .millis(500)))
        let engine = MicroBatchEngine(trigger: .fixedInterval(.millis(250)), watermarkDelay: .zero, timeDomain: .processingTime)
        var rows = 0
        var run = EngineRun<WindowResult>()
        run.forward = { output, _, _ in
            rows += 1
            #expect(output.aggregates.latestEventTime == output.aggregates.latestArrivalTime)
        }
        engine.run(query: query, events: events, into: &run)
        #expect(rows > 0)
        #expect(run.forward != nil)
    }
}
