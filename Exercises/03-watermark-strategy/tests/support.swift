// Exercise 03 checks: feed events, compare each watermark with the rule, and
// name the misconception by recomputing the catalogued wrong rules.
func checkWatermarks(_ events: [ShopEvent], boundMicros: Int64) -> String? {
    var strategy = BoundedOutOfOrderness(maxOutOfOrdernessMicros: boundMicros)
    if strategy.currentWatermark() != Int64.min {
        return "before any event the watermark must be -inf (Int64.min), got \(Clock.text(strategy.currentWatermark()))"
    }
    var maxEvent = Int64.min, maxArrival = Int64.min
    for event in events {
        strategy.onEvent(event)
        maxEvent = max(maxEvent, event.eventTimeMicros)
        maxArrival = max(maxArrival, event.arrivalTimeMicros)
        let actual = strategy.currentWatermark()
        let expected = maxEvent - boundMicros - 1
        if actual == expected { continue }
        let context = "after \(event) with bound \(Clock.duration(boundMicros)): watermark \(Clock.text(actual)), expected \(Clock.text(expected))"
        if maxEvent < 0, actual == Int64.min || actual == -boundMicros - 1 || actual == -boundMicros {
            return "you used 0 to mean \"no event yet\": event times can be negative (before the epoch), so keep an optional or start from Int64.min; \(context)"
        }
        if actual == expected + 1 {
            return "forgot the - 1: Flink's watermark is maxTimestamp - outOfOrderness - 1, so a window [start, end) fires when end - 1 <= watermark; \(context)"
        }
        if maxArrival != maxEvent && (actual == maxArrival - boundMicros - 1 || actual == maxArrival - boundMicros) {
            return "you used arrival (processing) time instead of event time: \(context)"
        }
        if actual == event.eventTimeMicros - boundMicros - 1 || actual == event.eventTimeMicros - boundMicros {
            return "the watermark moved backwards: it must follow the LARGEST event time seen, not the latest event; \(context)"
        }
        return "wrong watermark: \(context)"
    }
    return nil
}
