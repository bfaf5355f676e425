// Catalogued mistake: windows by arrival time (processing time), not event time.
func countPerWindow(_ arrivals: [(event: ShopEvent, watermarkMicros: Int64)], windowMicros: Int64) -> [TimeWindow: Int] {
    var counts: [TimeWindow: Int] = [:]
    for (event, watermark) in arrivals {
        let start = event.arrivalTimeMicros - event.arrivalTimeMicros % windowMicros
        let window = TimeWindow(startMicros: start, endMicros: start + windowMicros)
        if window.endMicros <= watermark { continue }
        counts[window, default: 0] += 1
    }
    return counts
}
