let hiddenChecks: [Check] = [
    Check("an out-of-order event inside the session does not shorten it") {
        checkSessions([event(1, 0), event(2, 25), event(3, 10)], gapMicros: 30 * Clock.secondMicros, boundMicros: 20 * Clock.secondMicros)
    },
    Check("sessions follow event time, not arrival time") {
        checkSessions([event(1, 0, arrival: 1), event(2, 5, arrival: 40), event(3, 59, arrival: 59)], gapMicros: 30 * Clock.secondMicros, boundMicros: 60 * Clock.secondMicros)
    },
    Check("an event exactly one gap after the last one starts a new session") {
        checkSessions([event(1, 0), event(2, 30)], gapMicros: 30 * Clock.secondMicros, boundMicros: 0)
    },
    Check("an out-of-order event more than a gap before a session starts a session of its own") {
        checkSessions([event(1, 60), event(2, 0, arrival: 61)], gapMicros: 30 * Clock.secondMicros, boundMicros: 120 * Clock.secondMicros)
    },
    Check("an out-of-order event exactly one gap before a session starts a session of its own") {
        checkSessions([event(1, 60), event(2, 30, arrival: 61)], gapMicros: 30 * Clock.secondMicros, boundMicros: 120 * Clock.secondMicros)
    },
    Check("a session extended by later events keeps one timer, at its new end") {
        checkTimers([event(1, 0), event(2, 10), event(3, 20)], gapMicros: 30 * Clock.secondMicros)
    },
    Check("a long session of many events is one session") {
        checkSessions((0..<12).map { event($0, Int64($0) * 5) }, gapMicros: 6 * Clock.secondMicros, boundMicros: 0)
    },
]
