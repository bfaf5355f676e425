// Exercise 04: a session-timeout process function with timers (lesson 05).
//
// A session is a run of one key's events where each event comes less than
// `gapMicros` (event time) after the previous one. When the watermark passes
// (last event time + gap), emit the session: start = first event time,
// end = last event time + gap, and the number of events.
// Use event-time timers: `timers.registerEventTimeTimer(t)` and
// `timers.deleteEventTimeTimer(t)`; the harness calls `onTimer` when t <= watermark.
// Events may arrive out of order (earlier event times after later ones), so a
// key can have more than one open session: an event more than a gap before a
// session starts one of its own. An event exactly one gap after the last one
// starts a new session. processElement returns any session it can already
// emit (returning [] and letting the timers emit is fine).

final class SessionTimeout {
    let gapMicros: Int64

    init(gapMicros: Int64) { self.gapMicros = gapMicros }

    func processElement(_ event: ShopEvent, timers: inout Timers) -> [SessionSummary] {
        // TODO: keep the session's state and (re)register its timer.
        return []
    }

    func onTimer(_ timeMicros: Int64, key: String, timers: inout Timers) -> SessionSummary? {
        // TODO: emit the session when its timeout fires.
        return nil
    }
}
