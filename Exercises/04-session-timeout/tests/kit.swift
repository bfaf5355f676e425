// Exercise-local process-function API for exercise 04 (a minimal stand-in for
// Flink's KeyedProcessFunction; StreamLab's own lives in Sources/Dataflow).
// The harness delivers a key's events in arrival order and fires event-time
// timers when `timer <= watermark` (Flink), in timestamp order.

struct Timers {
    private(set) var registered: Set<Int64> = []
    mutating func registerEventTimeTimer(_ timeMicros: Int64) { registered.insert(timeMicros) }
    mutating func deleteEventTimeTimer(_ timeMicros: Int64) { registered.remove(timeMicros) }
    mutating func takeDue(watermarkMicros: Int64) -> Int64? {
        guard let first = registered.min(), first <= watermarkMicros else { return nil }
        registered.remove(first)
        return first
    }
}

struct SessionSummary: Equatable, CustomStringConvertible {
    var key: String
    var startMicros: Int64
    /// Last event time + gap: the session's end, exclusive.
    var endMicros: Int64
    var eventCount: Int
    var description: String { "\(key) [\(Clock.text(startMicros)), \(Clock.text(endMicros))) \(eventCount) events" }
}

/// Runs one key's events through a SessionTimeout with a bounded-out-of-orderness watermark.
func runSessions(_ events: [ShopEvent], gapMicros: Int64, boundMicros: Int64) -> [SessionSummary] {
    let function = SessionTimeout(gapMicros: gapMicros)
    var timers = Timers()
    var output: [SessionSummary] = []
    var maxEvent = Int64.min
    func fire(upTo watermark: Int64) {
        var guardCount = 0
        while let due = timers.takeDue(watermarkMicros: watermark), guardCount < 10_000 {
            guardCount += 1
            if let summary = function.onTimer(due, key: "k", timers: &timers) { output.append(summary) }
        }
    }
    for event in events {
        output += function.processElement(event, timers: &timers)
        maxEvent = max(maxEvent, event.eventTimeMicros)
        fire(upTo: maxEvent - boundMicros - 1)
    }
    fire(upTo: Int64.max)
    return output
}
