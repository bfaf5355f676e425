// Exercise 11 checks: expected counts by definition, and the catalogued
// wrong answers recomputed to name the misconception.
typealias Arrival = (event: ShopEvent, watermarkMicros: Int64)

func windowOf(_ time: Int64, _ size: Int64) -> TimeWindow {
    TimeWindow(startMicros: time - time % size, endMicros: time - time % size + size)
}

func counts(_ arrivals: [Arrival], _ size: Int64, byArrival: Bool = false, late: (TimeWindow, Int64) -> Bool) -> [TimeWindow: Int] {
    var result: [TimeWindow: Int] = [:]
    for (event, watermark) in arrivals {
        let window = windowOf(byArrival ? event.arrivalTimeMicros : event.eventTimeMicros, size)
        if late(window, watermark) { continue }
        result[window, default: 0] += 1
    }
    return result
}

func checkCounts(_ arrivals: [Arrival], windowMicros: Int64) -> String? {
    let actual = countPerWindow(arrivals, windowMicros: windowMicros)
    let expected = counts(arrivals, windowMicros) { $0.endMicros <= $1 }
    if actual == expected { return nil }
    let windows = Set(actual.keys).union(expected.keys).sorted()
    let first = windows.first { actual[$0] != expected[$0] }!
    let shown = "window \(first) has \(actual[first] ?? 0), expected \(expected[first] ?? 0)"
    if actual == counts(arrivals, windowMicros, byArrival: true, late: { $0.endMicros <= $1 }) {
        let moved = arrivals.filter { windowOf($0.event.arrivalTimeMicros, windowMicros) != windowOf($0.event.eventTimeMicros, windowMicros) && windowOf($0.event.eventTimeMicros, windowMicros).endMicros > $0.watermarkMicros }.count
        return "you counted by arrival time: \(shown); \(moved) events arrived late but within the watermark"
    }
    if actual == counts(arrivals, windowMicros, late: { $0.endMicros < $1 }) {
        return "`<` instead of `<=`: \(shown); an event whose window ends exactly at the watermark is late (Spark: late when window.end <= watermark)"
    }
    if actual == counts(arrivals, windowMicros, late: { _, _ in false }) {
        let dropped = arrivals.filter { windowOf($0.event.eventTimeMicros, windowMicros).endMicros <= $0.watermarkMicros }.count
        return "late events counted: \(shown); \(dropped) events arrived after the watermark passed their window's end and must be dropped"
    }
    return "wrong counts: \(shown)"
}

/// An order at minute:second of event time, arriving `lateSeconds` later, with a watermark.
func arrival(_ id: Int, _ minute: Int64, _ second: Int64, late lateSeconds: Int64 = 0, watermark: (Int64, Int64)) -> Arrival {
    let time = Clock.at(23, minute, second)
    return (ShopEvent(id: id, eventTimeMicros: time, arrivalTimeMicros: time + lateSeconds * Clock.secondMicros),
            Clock.at(23, watermark.0, watermark.1))
}
