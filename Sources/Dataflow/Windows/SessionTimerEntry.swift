import SimKernel

/// A session deadline, ordered by (time, key, start, kind): the order in
/// which Flink's and Spark's timers run here (ties never depend on insertion
/// order). It keeps the session's list, which spares a hash lookup when it pops.
struct SessionTimerEntry: HeapOrdered {
    var time: Int64
    var start: Int64
    var key: Int32
    /// The list of the key's sessions when the timer was queued (a hint, checked on use).
    var list: Int32
    var kind: WindowTimer.Kind

    @inline(__always)
    func precedes(_ other: SessionTimerEntry) -> Bool {
        if time != other.time { return time < other.time }
        if key != other.key { return key < other.key }
        if start != other.start { return start < other.start }
        return kind.rawValue < other.kind.rawValue
    }
}
