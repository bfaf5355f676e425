// Catalogued mistake: end-inclusive windows (start <= ts <= end).
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    var remainder = (eventTimeMicros - offsetMicros) % slideMicros
    if remainder < 0 { remainder += slideMicros }
    var start = eventTimeMicros - remainder
    var windows: [TimeWindow] = []
    while start >= eventTimeMicros - sizeMicros {
        windows.append(TimeWindow(startMicros: start, endMicros: start + sizeMicros))
        start -= slideMicros
    }
    return windows.sorted()
}
