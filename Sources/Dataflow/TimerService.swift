import SimKernel

/// Per-key event-time and processing-time timers, with Flink's semantics.
///
/// - A timer is identified by (key, time): registering the same timer twice
///   keeps one (Flink's `TimerService` de-duplicates timers per key and timestamp).
/// - Event-time timers fire while `timer <= watermark` (../shared/DESIGN.md,
///   "Apache Flink": timers fire while `timer <= watermark`).
/// - Processing-time timers fire while `timer <= processing time`.
/// - Timers fire in (time, key, registration) order, so a run never depends
///   on hash order.
public struct TimerService<Key: Hashable & Comparable> {
    public enum Domain: Sendable { case eventTime, processingTime }

    @usableFromInline struct Timer: Comparable {
        var time: Instant
        var key: Key
        var sequence: UInt64
        @usableFromInline static func < (lhs: Timer, rhs: Timer) -> Bool {
            if lhs.time != rhs.time { return lhs.time < rhs.time }
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            return lhs.sequence < rhs.sequence
        }
    }

    struct TimerID: Hashable {
        var key: Key
        var time: Instant
    }

    private var queues: [EventQueue<Timer>] = [EventQueue(), EventQueue()]
    private var registered: [Set<TimerID>] = [[], []]
    private var tokens: [[TimerID: ScheduledToken]] = [[:], [:]]
    private var nextSequence: UInt64 = 0

    public init() {}

    private static func index(_ domain: Domain) -> Int { domain == .eventTime ? 0 : 1 }

    public func count(_ domain: Domain) -> Int { registered[Self.index(domain)].count }

    /// Registers a timer; a duplicate (same key and time) is ignored.
    public mutating func register(_ domain: Domain, key: Key, at time: Instant) {
        let index = Self.index(domain)
        let id = TimerID(key: key, time: time)
        guard registered[index].insert(id).inserted else { return }
        // The event queue orders by (time, insertion); to order ties by key
        // as well, timers at the same instant are sorted when they fire.
        let token = queues[index].schedule(at: time, Timer(time: time, key: key, sequence: nextSequence))
        tokens[index][id] = token
        nextSequence &+= 1
    }

    /// Deletes a registered timer; deleting one that does not exist is a no-op
    /// (as Flink's `deleteEventTimeTimer`).
    public mutating func delete(_ domain: Domain, key: Key, at time: Instant) {
        let index = Self.index(domain)
        let id = TimerID(key: key, time: time)
        guard registered[index].remove(id) != nil, let token = tokens[index].removeValue(forKey: id) else { return }
        queues[index].cancel(token)
    }

    /// The time of the earliest registered timer of `domain`, or nil. Mutating
    /// only because the queue drops deleted timers while it looks.
    public mutating func nextTime(_ domain: Domain) -> Instant? {
        queues[Self.index(domain)].peekTime()
    }

    /// Removes and returns, in (time, key, registration) order, every timer of
    /// `domain` with `time <= now`.
    public mutating func popDue(_ domain: Domain, upTo now: Instant) -> [(key: Key, time: Instant)] {
        let index = Self.index(domain)
        var due: [Timer] = []
        while let time = queues[index].peekTime(), time <= now {
            let timer = queues[index].popNext()!.payload
            let id = TimerID(key: timer.key, time: timer.time)
            registered[index].remove(id)
            tokens[index].removeValue(forKey: id)
            due.append(timer)
        }
        due.sort()
        return due.map { ($0.key, $0.time) }
    }
}
