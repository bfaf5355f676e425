let hiddenChecks: [Check] = [
    Check("offset shifts every window start") {
        checkWindows(WindowCase(eventTimeMicros: Clock.at(23, 0, 10), sizeMicros: Clock.hourMicros, slideMicros: Clock.hourMicros, offsetMicros: 15 * Clock.minuteMicros))
    },
    Check("negative event times use a non-negative remainder") {
        checkWindows(WindowCase(eventTimeMicros: -90 * Clock.secondMicros, sizeMicros: Clock.minuteMicros, slideMicros: Clock.minuteMicros))
    },
    Check("size not a multiple of the slide: an event early in its slide is in floor(size/slide) windows") {
        checkWindows(WindowCase(eventTimeMicros: 7 * Clock.secondMicros, sizeMicros: 10 * Clock.secondMicros, slideMicros: 4 * Clock.secondMicros))
    },
    Check("size not a multiple of the slide: an event late in its slide is in ceil(size/slide) windows") {
        checkWindows(WindowCase(eventTimeMicros: 9 * Clock.secondMicros, sizeMicros: 10 * Clock.secondMicros, slideMicros: 4 * Clock.secondMicros))
    },
    Check("a negative time whose remainder is not half the slide") {
        checkWindows(WindowCase(eventTimeMicros: -100 * Clock.secondMicros, sizeMicros: Clock.minuteMicros, slideMicros: Clock.minuteMicros))
    },
    Check("an event time beyond 2^53 µs stays exact") {
        checkWindows(WindowCase(eventTimeMicros: 9_007_199_254_999_999, sizeMicros: Clock.secondMicros, slideMicros: Clock.secondMicros))
    },
    Check("an event 1 µs before the epoch is in the window that ends at 0") {
        checkWindows(WindowCase(eventTimeMicros: -1, sizeMicros: Clock.minuteMicros, slideMicros: Clock.minuteMicros))
    },
    Check("sliding boundary event leaves the window that ends at it") {
        checkWindows(WindowCase(eventTimeMicros: Clock.at(0, 10), sizeMicros: 10 * Clock.minuteMicros, slideMicros: 5 * Clock.minuteMicros))
    },
]
