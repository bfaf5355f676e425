// Exercise 04 checks: the expected sessions by definition (sort by event
// time, split at gaps >= gap), and diagnoses for the catalogued mistakes.
func expectedSessions(_ events: [ShopEvent], gapMicros: Int64) -> [SessionSummary] {
    let times = events.map(\.eventTimeMicros).sorted()
    var sessions: [SessionSummary] = []
    for time in times {
        if var last = sessions.last, time < last.endMicros {
            last.endMicros = time + gapMicros
            last.eventCount += 1
            sessions[sessions.count - 1] = last
        } else {
            sessions.append(SessionSummary(key: "k", startMicros: time, endMicros: time + gapMicros, eventCount: 1))
        }
    }
    return sessions
}

func checkSessions(_ events: [ShopEvent], gapMicros: Int64, boundMicros: Int64) -> String? {
    let actual = runSessions(events, gapMicros: gapMicros, boundMicros: boundMicros)
    let expected = expectedSessions(events, gapMicros: gapMicros)
    if actual == expected { return nil }
    let shown = "gap \(Clock.duration(gapMicros)): got \(actual), expected \(expected)"
    if actual.isEmpty { return "no session was emitted: register an event-time timer at last event time + gap and emit in onTimer; \(shown)" }
    let byArrival = expectedSessions(events.map { ShopEvent(id: $0.id, eventTimeMicros: $0.arrivalTimeMicros) }, gapMicros: gapMicros)
    if actual.map(\.eventCount) == byArrival.map(\.eventCount) && byArrival.map(\.eventCount) != expected.map(\.eventCount) || actual.contains(where: { s in !events.contains { $0.eventTimeMicros == s.startMicros } }) {
        return "you used arrival (processing) time: sessions must follow event time; \(shown)"
    }
    if actual.count > expected.count && actual.map(\.eventCount).reduce(0, +) <= events.count {
        return "a stale timer closed the session early: delete the old timer when an event extends the session; \(shown)"
    }
    if actual.contains(where: { a in expected.contains { $0.startMicros == a.startMicros && a.endMicros < $0.endMicros } }) {
        return "an out-of-order event pulled the session end back: keep the largest event time, not the latest event; \(shown)"
    }
    return "wrong sessions: \(shown)"
}

func event(_ id: Int, _ second: Int64, arrival: Int64? = nil) -> ShopEvent {
    ShopEvent(id: id, eventTimeMicros: Clock.at(23, 0, second), arrivalTimeMicros: arrival.map { Clock.at(23, 0, $0) })
}
