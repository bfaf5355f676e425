// Exercise 02: a window assigner (lesson 04, Windows).
//
// Return every window that contains an event at `eventTimeMicros`, sorted by
// start. Windows are [start, end): start inclusive, end exclusive. Windows of
// `sizeMicros` start every `slideMicros`, shifted by `offsetMicros`; when
// slide == size they are tumbling windows. Event times may be negative.

func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    // TODO: compute the latest window start at or before the event, then walk back by the slide.
    return []
}
