/// A discrete-event simulation: a clock and an event queue.
///
/// The clock only moves forward: it jumps to the time of each event as the
/// event is handled, and scheduling into the past is a programmer error.
/// Every run is bounded, by an end time and by a maximum number of events,
/// as TigerBeetle bounds every loop: a run that hits a bound says so.
///
/// Speed (Benchmarks/README.md): every hot member is `@inlinable`, so a
/// client module specialises the queue for its own `Payload` instead of
/// calling generic code through witness tables, and the stored properties
/// skip the runtime exclusivity checks a class property otherwise pays on
/// each access (handlers re-enter `schedule` while `run` holds no access).
public final class Simulation<Payload> {
    @exclusivity(unchecked) @usableFromInline var clock: Instant
    @exclusivity(unchecked) @usableFromInline var queue = EventQueue<Payload>()
    @exclusivity(unchecked) @usableFromInline var handledCount: Int = 0
    /// The queue's earliest time, kept while `dueKnown`: a record engine
    /// asks for it once per record and the queue rarely changes in between
    /// (a look into the queue was 8 % of the crash run's engine thread in
    /// callgrind, issue 14). A schedule lowers it; a pop or a cancel forgets it.
    @exclusivity(unchecked) @usableFromInline var due: Instant?
    @exclusivity(unchecked) @usableFromInline var dueKnown = false

    /// The current simulated time.
    @inlinable public var now: Instant { clock }
    /// Events handled over all runs.
    @inlinable public var eventsHandled: Int { handledCount }

    public init(start: Instant = .zero) { clock = start }

    @inlinable public var pendingCount: Int { queue.count }

    @inlinable @discardableResult
    public func schedule(at time: Instant, _ payload: Payload) -> ScheduledToken {
        precondition(time >= now, "schedule: \(time) is before now (\(now)); time never moves backwards")
        if dueKnown, due.map({ time < $0 }) ?? true { due = time }
        return queue.schedule(at: time, payload)
    }

    @inlinable @discardableResult
    public func schedule(after delay: Duration, _ payload: Payload) -> ScheduledToken {
        schedule(at: now + delay, payload)
    }

    public func cancel(_ token: ScheduledToken) {
        queue.cancel(token)
        dueKnown = false
    }

    /// When the next scheduled event is due; nil when none is.
    @inlinable public var nextEventTime: Instant? {
        if dueKnown { return due }
        due = queue.peekTime()
        dueKnown = true
        return due
    }

    /// Moves the clock to `time` with no event: for a handler that completes
    /// work inline because nothing is scheduled before it ends (the same
    /// order as scheduling it: strictly before the next event, which would
    /// otherwise go first). Time never moves backwards or past a due event.
    @inlinable public func advanceClock(to time: Instant) {
        precondition(time >= clock, "advanceClock: \(time) is before now (\(clock))")
        precondition(nextEventTime.map { time < $0 } ?? true, "advanceClock: \(time) is not before the next event")
        clock = time
    }

    /// `advanceClock(to: time)` when `time` is strictly before the next
    /// event (or none is due), in one look at the queue; false, with the
    /// clock unchanged, when an event is due at or before `time`. A record
    /// engine asks this once per record (the look and the check in
    /// `advanceClock` were two, issue 14).
    @inlinable public func advanceClockIfFirst(to time: Instant) -> Bool {
        precondition(time >= clock, "advanceClock: \(time) is before now (\(clock))")
        if let next = nextEventTime, time >= next { return false }
        clock = time
        return true
    }

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
    @inlinable @discardableResult
    public func run(
        until end: Instant = .max,
        maxEvents: Int = Int.max,
        shouldStop: () -> Bool = { false },
        _ handle: (Simulation, Payload) -> Void
    ) -> Outcome {
        var handled = 0
        while handled < maxEvents {
            guard let nextTime = nextEventTime else { return .drained }
            if nextTime > end {
                clock = end
                return .reachedEndTime
            }
            let payload = queue.popNext().unsafelyUnwrapped.payload
            dueKnown = false
            clock = nextTime
            handle(self, payload)
            handled += 1
            handledCount += 1
            if shouldStop() { return .stopped }
        }
        return .reachedEventLimit
    }
}
