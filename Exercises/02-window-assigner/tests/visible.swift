let visibleChecks: [Check] = [
    Check("tumbling window holds an event in its middle") {
        checkWindows(WindowCase(eventTimeMicros: Clock.at(23, 0, 30), sizeMicros: Clock.minuteMicros, slideMicros: Clock.minuteMicros))
    },
    Check("event at a window's end belongs to the next window only") {
        checkWindows(WindowCase(eventTimeMicros: Clock.at(23, 1), sizeMicros: Clock.minuteMicros, slideMicros: Clock.minuteMicros))
    },
    Check("sliding windows give size/slide windows per event") {
        checkWindows(WindowCase(eventTimeMicros: Clock.at(23, 7, 10), sizeMicros: 10 * Clock.minuteMicros, slideMicros: 5 * Clock.minuteMicros))
    },
]
