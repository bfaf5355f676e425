let visibleChecks: [Check] = [
    Check("one quiet gap splits two sessions") {
        checkSessions([event(1, 0), event(2, 10), event(3, 50), event(4, 55)], gapMicros: 30 * Clock.secondMicros, boundMicros: 0)
    },
    Check("an event inside the gap extends the session") {
        checkSessions([event(1, 0), event(2, 20), event(3, 45)], gapMicros: 30 * Clock.secondMicros, boundMicros: 0)
    },
]
