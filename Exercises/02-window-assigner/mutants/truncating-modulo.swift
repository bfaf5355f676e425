// Catalogued mistake: Swift's % truncates toward zero, so negative times get a start after the event.
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    var start = eventTimeMicros - (eventTimeMicros - offsetMicros) % slideMicros
    var windows: [TimeWindow] = []
    while start > eventTimeMicros - sizeMicros {
        windows.append(TimeWindow(startMicros: start, endMicros: start + sizeMicros))
        start -= slideMicros
    }
    return windows.sorted()
}
