// Catalogued mistake for exercise 02: abs() on the remainder, which is right
// for non-negative times but not the non-negative remainder a negative time needs.
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    let remainder = abs((eventTimeMicros - offsetMicros) % slideMicros)
    var start = eventTimeMicros - remainder
    var windows: [TimeWindow] = []
    while start > eventTimeMicros - sizeMicros {
        windows.append(TimeWindow(startMicros: start, endMicros: start + sizeMicros))
        start -= slideMicros
    }
    return windows.sorted()
}
