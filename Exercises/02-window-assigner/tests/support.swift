// Shared by the visible and hidden checks of exercise 02: the expected
// windows, and a diagnosis that names the misconception when the answer is wrong.

struct WindowCase {
    var eventTimeMicros: Int64
    var sizeMicros: Int64
    var slideMicros: Int64
    var offsetMicros: Int64 = 0
}

func expectedWindows(_ c: WindowCase) -> [TimeWindow] {
    var windows: [TimeWindow] = []
    // Brute force over candidate starts: the definition, not the formula.
    var start = c.eventTimeMicros - c.sizeMicros - c.slideMicros
    start -= ((start - c.offsetMicros) % c.slideMicros + c.slideMicros) % c.slideMicros
    while start <= c.eventTimeMicros {
        if start <= c.eventTimeMicros && c.eventTimeMicros < start + c.sizeMicros {
            windows.append(TimeWindow(startMicros: start, endMicros: start + c.sizeMicros))
        }
        start += c.slideMicros
    }
    return windows
}

func checkWindows(_ c: WindowCase) -> String? {
    let actual = assignWindows(eventTimeMicros: c.eventTimeMicros, sizeMicros: c.sizeMicros, slideMicros: c.slideMicros, offsetMicros: c.offsetMicros)
    let expected = expectedWindows(c)
    if actual == expected { return nil }
    let at = Clock.text(c.eventTimeMicros)
    let shown = "event at \(at) (size \(Clock.duration(c.sizeMicros)), slide \(Clock.duration(c.slideMicros)), offset \(Clock.duration(c.offsetMicros))): got \(actual), expected \(expected)"
    if actual.isEmpty { return "no windows: \(shown). Every event belongs to at least one window" }
    if actual.contains(where: { $0.endMicros == c.eventTimeMicros }) {
        return "end-inclusive windows: \(shown). Windows are [start, end); an event at a window's end belongs to the next window only"
    }
    if c.eventTimeMicros.magnitude > 1 << 53, actual.contains(where: { $0.startMicros > c.eventTimeMicros }) {
        return "precision lost above 2^53 µs: \(shown). Floor division through Double rounds the event time; keep the arithmetic in Int64 (%, with the remainder made non-negative)"
    }
    if c.eventTimeMicros < 0, (c.eventTimeMicros - c.offsetMicros) % c.slideMicros != 0,
       !actual.contains(where: { $0.startMicros > c.eventTimeMicros }),
       actual.last?.startMicros == c.eventTimeMicros - abs((c.eventTimeMicros - c.offsetMicros) % c.slideMicros) {
        return "abs() is not a non-negative remainder: \(shown). For a negative time, (t - offset) % slide is negative; add the slide to it, do not drop its sign"
    }
    if actual.contains(where: { $0.startMicros > c.eventTimeMicros }) {
        return "negative remainder: \(shown). Swift's % truncates toward zero; add the slide when the remainder is negative"
    }
    if c.sizeMicros % c.slideMicros != 0, actual.count == Int(c.sizeMicros / c.slideMicros), actual.count < expected.count,
       Set(actual).isSubset(of: Set(expected)) {
        return "counted size/slide windows with integer division: \(shown). When the slide does not divide the size an event can be in ceil(size/slide) windows; walk back from the latest start while start > ts - size instead of computing the count"
    }
    if actual.count == 1 && expected.count > 1 {
        return "only one window: \(shown). A sliding window assigns each event to every window with start <= t < start + size: floor(size/slide) or ceil(size/slide) of them"
    }
    if c.offsetMicros != 0 && actual.allSatisfy({ ($0.startMicros % c.slideMicros) == 0 }) {
        return "offset ignored: \(shown). Window starts are offset + k*slide"
    }
    if actual.sorted() != actual { return "windows not sorted by start: \(shown)" }
    return "wrong windows: \(shown)"
}
