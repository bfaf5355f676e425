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
    if followsArrivalTime(gapMicros: gapMicros) {
        return "you used arrival (processing) time: sessions must follow event time; \(shown)"
    }
    if actual.count > expected.count && actual.map(\.eventCount).reduce(0, +) <= events.count {
        return "a stale timer closed the session early: delete the old timer when an event extends the session; \(shown)"
    }
    let outOfOrder = zip(events, events.dropFirst()).contains { $1.eventTimeMicros < $0.eventTimeMicros }
    if actual.count == expected.count, zip(actual, expected).allSatisfy({ $0.startMicros == $1.startMicros && $0.eventCount == $1.eventCount }),
       zip(actual, expected).contains(where: { $0.endMicros == $1.endMicros - gapMicros }) {
        return "the session end is the last event time + gap (exclusive), not the last event time; \(shown)"
    }
    if outOfOrder, actual.contains(where: { a in expected.contains { $0.startMicros == a.startMicros && a.endMicros < $0.endMicros } }) {
        return "an out-of-order event pulled the session end back: keep the largest event time, not the latest event; \(shown)"
    }
    let exactGap = expectedGapsExactly(events, gapMicros: gapMicros)
    if exactGap, exactGapIsOutOfOrder(events, gapMicros: gapMicros), actual.count < expected.count, actual.map(\.eventCount).reduce(0, +) == events.count {
        return "an out-of-order event exactly one gap before a session's first event joined it: its own session [t, t + gap) ends where that session starts, so they do not overlap (start < t + gap, not <=); \(shown)"
    }
    if exactGap, actual.count < expected.count, actual.map(\.eventCount).reduce(0, +) == events.count {
        return "an event exactly one gap after the last one joined its session: the session is [start, last + gap), so that event starts a new one (>= gap, not > gap); \(shown)"
    }
    if outOfOrder, actual.count < expected.count {
        return "two sessions more than a gap apart were merged: an out-of-order event more than a gap before a session starts a session of its own, so a key can have several open sessions; \(shown)"
    }
    return "wrong sessions: \(shown)"
}

/// A probe that confirms the arrival-time misconception before the message
/// names it: two in-order events three gaps apart in event time that arrive
/// 1 µs apart. By event time they are two sessions; a function that reads
/// arrival times makes them one.
func followsArrivalTime(gapMicros: Int64) -> Bool {
    let start = Clock.at(23, 0)
    let probe = [ShopEvent(id: 1, eventTimeMicros: start, arrivalTimeMicros: start),
                 ShopEvent(id: 2, eventTimeMicros: start + 3 * gapMicros, arrivalTimeMicros: start + 1)]
    return runSessions(probe, gapMicros: gapMicros, boundMicros: 0).count == 1
}

/// Whether a pair exactly one gap apart arrived later-time first.
func exactGapIsOutOfOrder(_ events: [ShopEvent], gapMicros: Int64) -> Bool {
    events.enumerated().contains { index, later in
        events[(index + 1)...].contains { $0.eventTimeMicros == later.eventTimeMicros - gapMicros }
    }
}

/// Checks the timers left registered after `events` (in order, no timer due):
/// one per open session, at its last event time + gap. A stale timer is state
/// that is never cleaned up until it fires.
func checkTimers(_ events: [ShopEvent], gapMicros: Int64) -> String? {
    let function = SessionTimeout(gapMicros: gapMicros)
    var timers = Timers()
    for event in events { _ = function.processElement(event, timers: &timers) }
    let expected = Set(expectedSessions(events, gapMicros: gapMicros).map(\.endMicros))
    if timers.registered == expected { return nil }
    let shown = "events at \(events.map { Clock.text($0.eventTimeMicros) }), gap \(Clock.duration(gapMicros)): timers \(timers.registered.sorted().map(Clock.text)), expected \(expected.sorted().map(Clock.text))"
    if timers.registered.isSuperset(of: expected) {
        return "a stale timer was left registered: delete the old timer (last + gap) when an event extends the session; timers are state; \(shown)"
    }
    return "wrong timers: \(shown)"
}

/// Whether two consecutive event times (in event-time order) are exactly one gap apart.
func expectedGapsExactly(_ events: [ShopEvent], gapMicros: Int64) -> Bool {
    let times = events.map(\.eventTimeMicros).sorted()
    return zip(times, times.dropFirst()).contains { $1 - $0 == gapMicros }
}

func event(_ id: Int, _ second: Int64, arrival: Int64? = nil) -> ShopEvent {
    ShopEvent(id: id, eventTimeMicros: Clock.at(23, 0, second), arrivalTimeMicros: arrival.map { Clock.at(23, 0, $0) })
}
