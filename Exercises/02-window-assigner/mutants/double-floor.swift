// Catalogued mistake for exercise 02: floor division through Double, which
// rounds event times above 2^53 µs and can move an event into the next window.
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    let quotient = (Double(eventTimeMicros - offsetMicros) / Double(slideMicros)).rounded(.down)
    var start = Int64(quotient) * slideMicros + offsetMicros
    var windows: [TimeWindow] = []
    while start > eventTimeMicros - sizeMicros {
        windows.append(TimeWindow(startMicros: start, endMicros: start + sizeMicros))
        start -= slideMicros
    }
    return windows.sorted()
}
