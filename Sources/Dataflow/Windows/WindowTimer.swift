/// Window deadlines. A fire timer is Flink's event-time trigger timer at
/// `maxTimestamp`; a cleanup timer is Flink's cleanup at `maxTimestamp +
/// allowedLateness`, or Spark's eviction at `window.end`. At one instant a
/// window's fire runs before its cleanup (Flink's `onEventTime` fires, then
/// clears). Assigned windows hold one timer of each kind per pane
/// (`AssignedWindowTable+Panes.swift`), sessions at most one of each per
/// session (`SessionTimerQueue`, `SessionTable+Timers.swift`); both run them
/// in (time, key, window start, kind) order, so output order never depends
/// on a heap's layout or on hashing.
public enum WindowTimer {
    public enum Kind: UInt8, Sendable {
        case fire = 0
        case cleanup = 1
    }
}
