// Catalogued mistake for exercise 02: the window count taken as size / slide
// with integer division, which misses a window when the slide does not divide the size.
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    var remainder = (eventTimeMicros - offsetMicros) % slideMicros
    if remainder < 0 { remainder += slideMicros }
    let lastStart = eventTimeMicros - remainder
    var windows: [TimeWindow] = []
    for index in 0..<(sizeMicros / slideMicros) {
        let start = lastStart - index * slideMicros
        windows.append(TimeWindow(startMicros: start, endMicros: start + sizeMicros))
    }
    return windows.sorted()
}
