// Catalogued mistake: only the latest window, as if every window were tumbling.
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    var remainder = (eventTimeMicros - offsetMicros) % slideMicros
    if remainder < 0 { remainder += slideMicros }
    let start = eventTimeMicros - remainder
    return [TimeWindow(startMicros: start, endMicros: start + sizeMicros)]
}
