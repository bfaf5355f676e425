// Exercise 11: count per window by event time, dropping late events (lesson 03).
//
// Count events per tumbling window of `windowMicros` of EVENT time
// (windows [start, end), start = eventTime - eventTime mod size; times are
// non-negative here). Events come in arrival order, each with the watermark
// in force when it arrived. Spark's rule: an event is late, and dropped, when
// its window's end <= that watermark.

func countPerWindow(_ arrivals: [(event: ShopEvent, watermarkMicros: Int64)], windowMicros: Int64) -> [TimeWindow: Int] {
    // TODO
    return [:]
}
