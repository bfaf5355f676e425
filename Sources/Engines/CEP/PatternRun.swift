import Dataflow
import SimKernel
import Workloads

/// Runs a `PatternOperator` over events in arrival order the way the
/// conformance runner's Flink job does: one record at a time, a punctuated
/// bounded-out-of-orderness watermark after every record
/// (`FlinkWatermarkGenerator`: `max − delay − 1`, emitted only when it
/// rises), and the final +∞ watermark of a bounded source, which fires every
/// buffered event. As in Flink's `TimestampsAndWatermarksOperator`, the
/// record reaches the operator before the watermark it raises, so a record
/// is never late against its own watermark.
public struct PatternRun: Sendable {
    public var matches: [PatternMatch] = []
    /// Events at or behind the watermark when they arrived (the side output).
    public var lateEvents: [Event] = []
    public var eventCount = 0
    /// The most partial matches held at once, over all keys.
    public var peakPartialMatches = 0
    /// The most events waiting in the per-key buffers for the watermark.
    public var peakBufferedEvents = 0
    public var partialMatchesAtEnd = 0
    /// The operator's state every `sampleEveryEvents` events, by arrival time.
    public var stateSamples: [StateSample] = []
    public var firstArrival: Instant = .zero

    public struct StateSample: Sendable {
        public var arrivalTime: Instant
        public var partialMatches: Int
        public var bufferedEvents: Int
    }

    /// Runs `pattern` over `events`; `maxEvents` bounds the loop; a positive
    /// `sampleEveryEvents` records the state after every that many events.
    public static func run<Events: Sequence<Event>>(
        pattern: EventPattern, conditions: [ResolvedCondition], watermarkDelay: Duration, events: Events, maxEvents: Int = .max,
        mutation: RuleMutation? = nil, sampleEveryEvents: Int = 0
    ) -> PatternRun {
        var result = PatternRun()
        var subject = PatternOperator(pattern: pattern, conditions: conditions, mutation: mutation)
        var generator = FlinkWatermarkGenerator(outOfOrderness: watermarkDelay)
        var context = OperatorContext<PatternMatch>()
        for event in events {
            guard result.eventCount < maxEvents else { break }
            if result.eventCount == 0 { result.firstArrival = event.arrivalTime }
            result.eventCount += 1
            subject.process(event, context: &context)
            if generator.observe(event.eventTime), generator.currentWatermark > context.watermark {
                context.watermark = generator.currentWatermark
                subject.advanceWatermark(to: context.watermark, context: &context)
            }
            result.peakBufferedEvents = max(result.peakBufferedEvents, subject.bufferedEventCount)
            result.peakPartialMatches = max(result.peakPartialMatches, subject.partialMatchCount)
            if sampleEveryEvents > 0, result.eventCount % sampleEveryEvents == 0 {
                result.stateSamples.append(StateSample(arrivalTime: event.arrivalTime, partialMatches: subject.partialMatchCount,
                                                       bufferedEvents: subject.bufferedEventCount))
            }
        }
        context.watermark = .max
        subject.advanceWatermark(to: .max, context: &context)
        result.matches = context.outputs
        result.lateEvents = context.lateSideOutput
        result.partialMatchesAtEnd = subject.partialMatchCount
        return result
    }
}
