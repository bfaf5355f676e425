import SimKernel
import Workloads

/// One completed match: the key, and each matched event with the stage it
/// filled, in pattern order (Flink hands a `PatternProcessFunction` the same
/// thing as a `Map<String, List<T>>` from stage name to events).
public struct PatternMatch: Equatable, Sendable {
    public struct MatchedEvent: Equatable, Sendable {
        public var stageIndex: Int
        public var event: Event
    }

    public var key: Int32
    public var events: [MatchedEvent]
    /// The watermark whose arrival let the operator process the last event
    /// (Flink emits a match from `onEventTime`, so never before it).
    public var watermark: Instant

    public var firstEventTime: Instant { events[0].event.eventTime }
    public var lastEventTime: Instant { events[events.count - 1].event.eventTime }
}
