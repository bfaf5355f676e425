// Catalogued mistake for exercise 04 (the earlier reference): one open session per key; each event moves the
// timer to max(last event time) + gap, deleting the old timer.
final class SessionTimeout {
    let gapMicros: Int64
    private var startMicros: Int64 = 0
    private var lastMicros: Int64 = 0
    private var count = 0

    init(gapMicros: Int64) { self.gapMicros = gapMicros }

    func processElement(_ event: ShopEvent, timers: inout Timers) -> [SessionSummary] {
        var closed: [SessionSummary] = []
        if count > 0 && event.eventTimeMicros >= lastMicros + gapMicros {
            // The session timed out; its timer has not fired only because the watermark lags.
            timers.deleteEventTimeTimer(lastMicros + gapMicros)
            closed.append(SessionSummary(key: event.key, startMicros: startMicros, endMicros: lastMicros + gapMicros, eventCount: count))
            count = 0
        }
        if count == 0 {
            startMicros = event.eventTimeMicros
            lastMicros = event.eventTimeMicros
        } else {
            timers.deleteEventTimeTimer(lastMicros + gapMicros)
            startMicros = min(startMicros, event.eventTimeMicros)
            lastMicros = max(lastMicros, event.eventTimeMicros)
        }
        count += 1
        timers.registerEventTimeTimer(lastMicros + gapMicros)
        return closed
    }

    func onTimer(_ timeMicros: Int64, key: String, timers: inout Timers) -> SessionSummary? {
        guard count > 0, timeMicros == lastMicros + gapMicros else { return nil }
        let summary = SessionSummary(key: key, startMicros: startMicros, endMicros: lastMicros + gapMicros, eventCount: count)
        count = 0
        return summary
    }
}
