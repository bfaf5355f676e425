import SimKernel
import Workloads

/// Lesson function: a user's session ends after `inactivityGap` (30 minutes
/// by default) of event time without an event.
///
/// Each event pushes an event-time timer to `lastEventTime + gap`; the
/// previous timer is deleted (Flink idiom: `deleteEventTimeTimer` then
/// `registerEventTimeTimer`). When the timer fires, which happens once
/// `timer <= watermark` (Flink) or `timer < watermark` (Spark's GroupState
/// event-time timeout), no event of the user can still arrive inside the gap
/// unless it is late, so the session is emitted and the state cleared.
/// An out-of-order event that is older than the latest one joins the session
/// but does not move its end.
public struct SessionTimeoutFunction: KeyedProcessFunction {
    public struct State: Equatable, Sendable {
        public var firstEventTime: Instant
        public var lastEventTime: Instant
        public var eventCount: Int
    }

    public struct SessionEnd: Equatable, Sendable {
        public var key: Int32
        public var firstEventTime: Instant
        public var lastEventTime: Instant
        public var eventCount: Int
        /// `lastEventTime + gap`: the event time at which the user became inactive.
        public var timeoutTime: Instant
    }

    public let inactivityGap: Duration

    public init(inactivityGap: Duration = .minutes(30)) {
        precondition(inactivityGap > .zero, "the inactivity gap must be positive")
        self.inactivityGap = inactivityGap
    }

    public func processElement(_ event: Event, state: inout State?, context: inout KeyedProcessContext<SessionEnd>) {
        let time = event.eventTime
        if let open = state, time >= open.lastEventTime + inactivityGap {
            // The session timed out in event time, but the watermark that
            // fires its timer has not arrived yet: engines hand a record to
            // the operator before the watermark it produces (Flink emits the
            // watermark after the record; a micro-batch advances it at batch
            // end). Close the old session here, so the result does not
            // depend on that order.
            context.deleteTimer(.eventTime, at: open.lastEventTime + inactivityGap)
            context.emit(end(of: open, key: context.key, at: open.lastEventTime + inactivityGap))
            state = nil
        }
        guard var session = state else {
            state = State(firstEventTime: time, lastEventTime: time, eventCount: 1)
            context.registerTimer(.eventTime, at: time + inactivityGap)
            return
        }
        session.eventCount += 1
        if time < session.firstEventTime { session.firstEventTime = time }
        if time > session.lastEventTime {
            context.deleteTimer(.eventTime, at: session.lastEventTime + inactivityGap)
            session.lastEventTime = time
        }
        // Always (re-)register: Spark's GroupState clears the timeout on every
        // call, and in Flink a duplicate registration is a no-op.
        context.registerTimer(.eventTime, at: session.lastEventTime + inactivityGap)
        state = session
    }

    public func onTimer(
        at time: Instant, domain: TimerDomain, state: inout State?, context: inout KeyedProcessContext<SessionEnd>
    ) {
        guard let session = state, time == session.lastEventTime + inactivityGap else { return }
        context.emit(end(of: session, key: context.key, at: time))
        state = nil
    }

    private func end(of session: State, key: Int32, at time: Instant) -> SessionEnd {
        SessionEnd(
            key: key, firstEventTime: session.firstEventTime, lastEventTime: session.lastEventTime,
            eventCount: session.eventCount, timeoutTime: time)
    }
}
