import Dataflow
import Delivery
import SimKernel
import Testing
import Workloads

/// The delivery query: a running total per key plus the shared tumbling
/// window operator, and the checkpoint-is-a-copy property the pipelines rely on.
@Suite struct KeyedTotalsOperatorTests {
    /// Feeds `events` with a punctuated Flink watermark (max − delay − 1) and returns the outputs.
    func feed(_ op: inout KeyedTotalsOperator, _ events: ArraySlice<Event>, maxEventTime: inout Instant) -> [PipelineOutput] {
        var outputs: [PipelineOutput] = []
        for event in events {
            var context = OperatorContext<PipelineOutput>(watermark: maxEventTime == .min ? .min : maxEventTime - Duration(micros: 100_001))
            op.process(event, context: &context)
            maxEventTime = max(maxEventTime, event.eventTime)
            op.advanceWatermark(to: maxEventTime - Duration(micros: 100_001), context: &context)
            outputs += context.outputs
        }
        return outputs
    }

    @Test func aCopyTakenMidStreamReplaysToTheSameOutputsAsTheOriginal() {
        let events = TinyWorkload.events(seed: 21, count: 400)
        var original = KeyedTotalsOperator(settings: TinyWorkload.query, rules: .flink(allowedLateness: .zero, lateData: .drop))
        var maxEventTime = Instant.min
        _ = feed(&original, events[..<150], maxEventTime: &maxEventTime)
        var snapshot = original
        var snapshotMax = maxEventTime
        let first = feed(&original, events[150...], maxEventTime: &maxEventTime)
        let replayed = feed(&snapshot, events[150...], maxEventTime: &snapshotMax)
        #expect(first.contains { $0.identity.kind == .window })
        #expect(first == replayed)
        #expect(original.droppedLateCount == snapshot.droppedLateCount)
    }

    @Test func windowCountsAddUpToTheEventsNotDroppedAsLate() {
        let events = TinyWorkload.events(seed: 22, count: 300)
        for rule in [WindowRules.flink(allowedLateness: .zero, lateData: .drop), .spark(outputMode: .append)] {
            var op = KeyedTotalsOperator(settings: TinyWorkload.query, rules: rule)
            var maxEventTime = Instant.min
            var outputs = feed(&op, events[...], maxEventTime: &maxEventTime)
            var context = OperatorContext<PipelineOutput>(watermark: .max)
            op.advanceWatermark(to: .max, context: &context)
            outputs += context.outputs
            let windowTotal = outputs.filter { $0.identity.kind == .window }.reduce(0) { $0 + $1.value }
            #expect(Int(windowTotal) + op.droppedLateCount == events.count, "\(rule)")
            #expect(op.openWindowCount == 0)
        }
    }
}
