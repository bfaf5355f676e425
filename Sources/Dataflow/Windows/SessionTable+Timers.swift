import HeapModule
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
/// (and popping each stale one later) was most of a session's cost. Here a
/// session keeps at most one queued timer per kind. A newer version with a
/// later deadline leaves the queued one in place; when the queued one falls
/// due it is pushed again at the current deadline, or dropped when the current
/// version registered none. Deadlines only grow while a session keeps its
/// start, so a re-pushed timer is due later than the one it replaces, and the
/// heap still hands out every due timer in (time, key, start, kind) order.
extension SessionTable {
    /// Registers the current version's deadline of `kind` (`SessionTable.none`
    /// for none) and queues a timer unless one is queued already. Returns
    /// the time newly queued, or nil.
    @discardableResult
    mutating func want(_ kind: WindowTimer.Kind, list: Int, at index: Int, micros: Int64) -> Int64? {
        switch kind {
        case .fire: lists[list][index].fireWantedMicros = micros
        case .cleanup: lists[list][index].cleanupWantedMicros = micros
        }
        guard micros != Self.none, queued(kind, list: list, at: index) == Self.none else { return nil }
        enqueue(kind, list: list, at: index, micros: micros)
        return micros
    }

    private func queued(_ kind: WindowTimer.Kind, list: Int, at index: Int) -> Int64 {
        kind == .fire ? lists[list][index].fireQueuedMicros : lists[list][index].cleanupQueuedMicros
    }

    private mutating func enqueue(_ kind: WindowTimer.Kind, list: Int, at index: Int, micros: Int64) {
        let window = lists[list][index].window
        switch kind {
        case .fire: lists[list][index].fireQueuedMicros = micros
        case .cleanup: lists[list][index].cleanupQueuedMicros = micros
        }
        timers.insert(WindowTimer(time: micros, key: listKeys[list], start: window.start.micros, end: window.end.micros, kind: kind))
    }

    /// The earliest queued time, or nil.
    var earliestQueuedMicros: Int64? { timers.min?.time }

    /// The next timer of a current version for which `isDue(time)` holds, in
    /// (time, key, start, kind) order: the session it is for, already marked
    /// as no longer queued (a fire timer also as no longer wanted). The
    /// caller fires, evicts or removes it.
    mutating func nextDue(where isDue: (Int64) -> Bool) -> (kind: WindowTimer.Kind, list: Int, index: Int)? {
        // Bounded: each pass pops a timer; a re-pushed one is due strictly later.
        while let timer = timers.min, isDue(timer.time) {
            _ = timers.removeMin()
            let list = list(of: timer.key)
            guard list >= 0, let index = lists[list].firstIndex(where: { $0.window.start.micros == timer.start }),
                  queued(timer.kind, list: list, at: index) == timer.time else { continue }  // merged away
            let wanted: Int64
            switch timer.kind {
            case .fire:
                wanted = lists[list][index].fireWantedMicros
                lists[list][index].fireQueuedMicros = Self.none
            case .cleanup:
                wanted = lists[list][index].cleanupWantedMicros
                lists[list][index].cleanupQueuedMicros = Self.none
            }
            if wanted == Self.none { continue }  // the current version registered no such timer
            precondition(wanted >= timer.time, "a session's deadline never moves earlier while it keeps its start")
            if wanted > timer.time {
                enqueue(timer.kind, list: list, at: index, micros: wanted)
                continue
            }
            if timer.kind == .fire { lists[list][index].fireWantedMicros = Self.none }
            return (timer.kind, list, index)
        }
        return nil
    }
}
