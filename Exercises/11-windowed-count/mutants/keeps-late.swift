// Catalogued mistake: late events are counted anyway.
func countPerWindow(_ arrivals: [(event: ShopEvent, watermarkMicros: Int64)], windowMicros: Int64) -> [TimeWindow: Int] {
    var counts: [TimeWindow: Int] = [:]
    for (event, _) in arrivals {
        let start = event.eventTimeMicros - event.eventTimeMicros % windowMicros
        counts[TimeWindow(startMicros: start, endMicros: start + windowMicros), default: 0] += 1
    }
    return counts
}
