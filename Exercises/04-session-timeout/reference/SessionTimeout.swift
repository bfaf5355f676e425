// Reference for exercise 04: a key can have several open sessions at once
// (an out-of-order event more than a gap before a session starts one of its
// own), kept disjoint and sorted. An event opens [t, t + gap) and merges with
// every open session it overlaps (strictly: an event exactly one gap after a
// session's last event starts a new one); each open session has one timer at
// its last event time + gap, moved when the session grows. Sessions are
// emitted only by their timers, so an out-of-order event can still join a
// session until the watermark passes its end.
final class SessionTimeout {
    struct OpenSession {
        var startMicros: Int64
        var lastMicros: Int64
        var count: Int
    }

    let gapMicros: Int64
    private var open: [OpenSession] = []

    init(gapMicros: Int64) { self.gapMicros = gapMicros }

    func processElement(_ event: ShopEvent, timers: inout Timers) -> [SessionSummary] {
        let time = event.eventTimeMicros
        var merged = OpenSession(startMicros: time, lastMicros: time, count: 1)
        var kept: [OpenSession] = []
        for session in open {
            // [start, last + gap) and [time, time + gap) overlap.
            if session.startMicros < time + gapMicros && time < session.lastMicros + gapMicros {
                timers.deleteEventTimeTimer(session.lastMicros + gapMicros)
                merged.startMicros = min(merged.startMicros, session.startMicros)
                merged.lastMicros = max(merged.lastMicros, session.lastMicros)
                merged.count += session.count
            } else {
                kept.append(session)
            }
        }
        kept.append(merged)
        open = kept.sorted { $0.startMicros < $1.startMicros }
        timers.registerEventTimeTimer(merged.lastMicros + gapMicros)
        return []
    }

    func onTimer(_ timeMicros: Int64, key: String, timers: inout Timers) -> SessionSummary? {
        guard let index = open.firstIndex(where: { $0.lastMicros + gapMicros == timeMicros }) else { return nil }
        let session = open.remove(at: index)
        return SessionSummary(key: key, startMicros: session.startMicros, endMicros: timeMicros, eventCount: session.count)
    }
}
