/// A discrete-event simulation: a clock and an event queue.
///
/// The clock only moves forward: it jumps to the time of each event as the
/// event is handled, and scheduling into the past is a programmer error.
/// Every run is bounded, by an end time and by a maximum number of events,
/// as TigerBeetle bounds every loop: a run that hits a bound says so.
public final class Simulation<Payload> {
    public private(set) var now: Instant
    @usableFromInline var queue = EventQueue<Payload>()
    public private(set) var eventsHandled: Int = 0

    public init(start: Instant = .zero) { now = start }

    @inlinable public var pendingCount: Int { queue.count }

    @discardableResult
    public func schedule(at time: Instant, _ payload: Payload) -> ScheduledToken {
        precondition(time >= now, "schedule: \(time) is before now (\(now)); time never moves backwards")
        return queue.schedule(at: time, payload)
    }

    @discardableResult
    public func schedule(after delay: Duration, _ payload: Payload) -> ScheduledToken {
        schedule(at: now + delay, payload)
    }

    public func cancel(_ token: ScheduledToken) { queue.cancel(token) }

    /// Why a run stopped.
    public enum Outcome: Equatable, Sendable {
        /// The queue ran dry.
        case drained
        /// The next event lies after the end time; the clock stopped at the end time.
        case reachedEndTime
        /// `maxEvents` events were handled.
        case reachedEventLimit
        /// The stop condition returned true.
        case stopped
    }

    /// Handles events in (time, sequence) order until the queue is empty, the
    /// next event is after `end`, `maxEvents` have been handled, or
    /// `shouldStop` returns true after an event.
    @discardableResult
    public func run(
        until end: Instant = .max,
        maxEvents: Int = Int.max,
        shouldStop: () -> Bool = { false },
        _ handle: (Simulation, Payload) -> Void
    ) -> Outcome {
        var handled = 0
        while handled < maxEvents {
            guard let nextTime = queue.peekTime() else { return .drained }
            if nextTime > end {
                now = end
                return .reachedEndTime
            }
            let (time, payload) = queue.popNext()!
            now = time
            handle(self, payload)
            handled += 1
            eventsHandled += 1
            if shouldStop() { return .stopped }
        }
        return .reachedEventLimit
    }
}
