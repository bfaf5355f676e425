// Exercise 04: a session-timeout process function with timers (lesson 05).
//
// A session is a run of one key's events where each event comes less than
// `gapMicros` (event time) after the previous one. When the watermark passes
// (last event time + gap), emit the session: start = first event time,
// end = last event time + gap, and the number of events.
// Use event-time timers: `timers.registerEventTimeTimer(t)` and
// `timers.deleteEventTimeTimer(t)`; the harness calls `onTimer` when t <= watermark.
// Events may arrive out of order (earlier event times after later ones).
// The watermark moves after an event is processed, so an event can arrive
// after its session's timeout but before the timer fired: processElement
// returns the sessions it closes in that case.

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
