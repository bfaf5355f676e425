import CPrefetch
import SimKernel

/// Session deadlines, queued lazily.
///
/// Semantics kept: each version of a session (each window a merge makes)
/// registers its own timers, and only the timers of a session's current
/// version count; Flink deletes the merged-away windows' timers
/// (`WindowOperator`'s merge callback clears their trigger state), Spark's
/// eviction looks at the sessions in its state store. So a timer is due for
/// a session at the time its current version registered, and at no other.
///
/// Why lazily: a key with an event every 100 ms and a 5 s gap extends its
/// session on every record, and pushing two timers per record into one heap
/// (and popping each stale one later) was most of a session's cost
/// (Benchmarks/RESULTS.md, section 3). Here a session keeps at most one
/// queued timer per kind. A newer version with a later deadline leaves the
/// queued one in place; when the queued one falls due it is pushed again at
/// the current deadline, or dropped when the current version registered
/// none. Deadlines only grow while a session keeps its start, so a re-pushed
/// timer is due later than the one it replaces, and the heap still hands out
/// every due timer in (time, key, start, kind) order.
///
/// While a fire timer is queued, the cleanup deadline rides on it instead of
/// being pushed: it is never earlier than any fire time of the same session,
/// and nothing sorts between a session's fire and cleanup at one instant, so
/// it is pushed (or run) when the fire timer pops. With no allowed lateness
/// both fall due together, and a session costs one push and one pop.
extension SessionTable {
    enum DueTimer {
        case fire, cleanup, fireThenCleanup
    }

    /// Registers the current version's deadlines (`SessionTable.none` for
    /// none) and queues what is not queued yet. Returns the earliest time
    /// newly queued, or nil.
    @discardableResult
    mutating func want(list: Int, at index: Int, fireMicros: Int64, cleanupMicros: Int64) -> Int64? {
        let (pushFire, pushCleanup) = lists[list][index].want(fireMicros: fireMicros, cleanupMicros: cleanupMicros)
        if pushFire { push(.fire, list: list, at: index, micros: fireMicros) }
        if pushCleanup { push(.cleanup, list: list, at: index, micros: cleanupMicros) }
        return pushFire ? fireMicros : pushCleanup ? cleanupMicros : nil
    }

    private mutating func push(_ kind: WindowTimer.Kind, list: Int, at index: Int, micros: Int64) {
        timers.insert(SessionTimerQueue.Entry(time: micros, start: lists[list][index].window.start.micros, key: listKeys[list],
                                              list: Int32(list), kind: kind))
    }

    /// Starts loading what popping `timer` will read first: its list's key
    /// and slot, and its key's bucket in the list map, so that with 10^5
    /// keys those misses overlap the timers in hand. Given two pops ahead;
    /// one pop ahead, `prefetchListStorage` follows the slot.
    @inline(__always)
    private func prefetchLookups(of timer: SessionTimerQueue.Entry) {
        let list = Int(timer.list)
        guard lists.count >= 1 << 13, list < lists.count else { return }
        listKeys.withUnsafeBufferPointer { streamlab_prefetch_read($0.baseAddress! + list) }
        lists.withUnsafeBufferPointer { streamlab_prefetch_read($0.baseAddress! + list) }
        prefetchList(of: timer.key)
    }

    /// Starts loading the storage of `timer`'s list: its header (whose count
    /// the pop checks) and first session. At 10^5 keys this header was a
    /// miss on nearly every pop, 78 % of `nextDue` (perf). Its address is
    /// the list's slot, asked for one pop earlier (`prefetchLookups`).
    ///
    /// An array is one reference to its storage; the hint reads the
    /// reference's bits from the slot rather than the array itself, since
    /// taking the array would retain it and so write the very header it is
    /// meant to fetch. A prefetch never faults, and nothing is read through
    /// the address.
    @inline(__always)
    private func prefetchListStorage(of timer: SessionTimerQueue.Entry) {
        let list = Int(timer.list)
        guard MemoryLayout<[Session]>.size == MemoryLayout<UnsafeRawPointer>.size,
              lists.count >= 1 << 13, list < lists.count else { return }
        lists.withUnsafeBufferPointer { slots in
            let storage = UnsafeRawPointer(slots.baseAddress! + list).load(as: UnsafeRawPointer.self)
            streamlab_prefetch_read_span(storage, 128)
        }
    }

    /// The earliest queued time, or nil.
    var earliestQueuedMicros: Int64? { timers.min?.time }

    /// The next due deadline of a current version for which `isDue(time)`
    /// holds, in (time, key, start, kind) order, and the session it is for.
    /// The caller fires, evicts or removes it.
    mutating func nextDue(where isDue: (Int64) -> Bool) -> (due: DueTimer, list: Int, index: Int)? {
        // Bounded: each pass pops a timer; a re-pushed one is due strictly later.
        while let timer = timers.min, isDue(timer.time) {
            timers.removeMin()
            if let upcoming = timers.min {
                prefetchLookups(of: upcoming)
                prefetchListStorage(of: upcoming)
            }
            if let following = timers.secondMin { prefetchLookups(of: following) }
            let hinted = Int(timer.list)
            let list = hinted < lists.count && listKeys[hinted] == timer.key && !lists[hinted].isEmpty ? hinted : list(of: timer.key)
            guard list >= 0, let index = lists[list].firstIndex(where: { $0.window.start.micros == timer.start }) else { continue }
            let outcome = lists[list][index].pop(timer.kind, at: timer.time)
            if let pushMicros = outcome.pushMicros { push(outcome.pushKind, list: list, at: index, micros: pushMicros) }
            if let due = outcome.due { return (due, list, index) }
        }
        return nil
    }
}

extension SessionTable.Session {
    /// Records the wanted deadlines; returns which timers to push now (and
    /// marks them queued). The cleanup rides on a queued fire timer.
    mutating func want(fireMicros: Int64, cleanupMicros: Int64) -> (pushFire: Bool, pushCleanup: Bool) {
        let none = SessionTable.none
        precondition(fireMicros == none || cleanupMicros == none || fireMicros <= cleanupMicros,
                     "a window is cleaned up no earlier than it fires")
        (fireWantedMicros, cleanupWantedMicros) = (fireMicros, cleanupMicros)
        var pushFire = false
        var pushCleanup = false
        if fireMicros != none && fireQueuedMicros == none {
            fireQueuedMicros = fireMicros
            pushFire = true
        }
        if cleanupMicros != none && cleanupQueuedMicros == none && fireQueuedMicros == none {
            cleanupQueuedMicros = cleanupMicros
            pushCleanup = true
        }
        return (pushFire, pushCleanup)
    }

    /// A queued timer of `kind` at `time` popped: what is due now, and what
    /// to push. A timer this session did not queue (from a session with the
    /// same key and start that is gone) is ignored.
    mutating func pop(_ kind: WindowTimer.Kind, at time: Int64)
        -> (due: SessionTable.DueTimer?, pushKind: WindowTimer.Kind, pushMicros: Int64?) {
        let none = SessionTable.none
        switch kind {
        case .fire:
            guard fireQueuedMicros == time else { return (nil, .fire, nil) }
            fireQueuedMicros = none
            if fireWantedMicros != none && fireWantedMicros > time {
                fireQueuedMicros = fireWantedMicros
                return (nil, .fire, fireWantedMicros)  // the cleanup keeps riding
            }
            let fires = fireWantedMicros == time
            if fires { fireWantedMicros = none }
            // The riding cleanup now goes on its own, or is due right after the fire.
            if cleanupWantedMicros != none && cleanupQueuedMicros == none {
                precondition(cleanupWantedMicros >= time, "a cleanup never rides past its time")
                if cleanupWantedMicros == time { return (fires ? .fireThenCleanup : .cleanup, .fire, nil) }
                cleanupQueuedMicros = cleanupWantedMicros
                return (fires ? .fire : nil, .cleanup, cleanupWantedMicros)
            }
            return (fires ? .fire : nil, .fire, nil)
        case .cleanup:
            guard cleanupQueuedMicros == time else { return (nil, .cleanup, nil) }
            cleanupQueuedMicros = none
            if cleanupWantedMicros == none { return (nil, .cleanup, nil) }
            precondition(cleanupWantedMicros >= time, "a session's deadline never moves earlier while it keeps its start")
            if cleanupWantedMicros > time {
                cleanupQueuedMicros = cleanupWantedMicros
                return (nil, .cleanup, cleanupWantedMicros)
            }
            return (.cleanup, .cleanup, nil)
        }
    }
}
