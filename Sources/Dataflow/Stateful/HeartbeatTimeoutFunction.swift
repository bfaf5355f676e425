import SimKernel
import Workloads

/// Lesson function: alert when a server has sent no heartbeat for `timeout`
/// (30 s by default) of event time.
///
/// Each heartbeat newer than the key's latest moves the key's event-time
/// timer to `heartbeat + timeout` (Flink idiom: delete, then register). The
/// timer fires once the watermark passes it (`timer <= watermark` in Flink,
/// `timer < watermark` for Spark's GroupState timeout), that is once the
/// *other* servers' heartbeats prove that time has moved on: a silent server
/// cannot hold the watermark back, so it is noticed even though it sends
/// nothing. One alert per silence; the state stays so the next heartbeat
/// can start a new watch. A heartbeat that ends a silence the watermark has
/// not yet reached (it came within the watermark delay) alerts at once.
///
/// A heartbeat whose own deadline is already behind the watermark (part of
/// a backlog a server uploads after an outage) proves the server was alive
/// then, but the alert for that stretch has gone out: it updates the latest
/// heartbeat without a timer, so a backlog does not raise one alert per
/// stale reading.
public struct HeartbeatTimeoutFunction: KeyedProcessFunction {
    public struct State: Equatable, Sendable {
        public var lastHeartbeat: Instant
        /// Whether the silence after `lastHeartbeat` has been alerted.
        public var alerted: Bool
    }

    public struct Alert: Equatable, Sendable {
        public var key: Int32
        public var lastHeartbeat: Instant
        /// `lastHeartbeat + timeout`: when the silence became an outage.
        public var deadline: Instant
    }

    public let timeout: Duration

    public init(timeout: Duration = .seconds(30)) {
        precondition(timeout > .zero, "the heartbeat timeout must be positive")
        self.timeout = timeout
    }

    public func processElement(_ event: Event, state: inout State?, context: inout KeyedProcessContext<Alert>) {
        let time = event.eventTime
        if let known = state, time <= known.lastHeartbeat { return }
        if let known = state {
            let deadline = known.lastHeartbeat + timeout
            context.deleteTimer(.eventTime, at: deadline)
            // A real silence whose timer the watermark has not reached yet: the
            // next heartbeat came after the deadline but before the watermark
            // passed it (within the watermark delay). Alert now, as
            // SessionTimeoutFunction closes a session, so the answer does not
            // depend on whether the record or the watermark comes first.
            if time >= deadline && !known.alerted {
                context.emit(Alert(key: context.key, lastHeartbeat: known.lastHeartbeat, deadline: deadline))
            }
        }
        state = State(lastHeartbeat: time, alerted: false)
        guard time + timeout > context.watermark else { return }
        context.registerTimer(.eventTime, at: time + timeout)
    }

    public func onTimer(
        at time: Instant, domain: TimerDomain, state: inout State?, context: inout KeyedProcessContext<Alert>
    ) {
        guard let known = state, time == known.lastHeartbeat + timeout, !known.alerted else { return }
        state?.alerted = true
        context.emit(Alert(key: context.key, lastHeartbeat: known.lastHeartbeat, deadline: time))
    }
}
