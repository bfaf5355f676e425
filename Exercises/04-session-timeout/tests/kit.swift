// Exercise 04's harness, in the checker: delivers one key's events to the
// student's SessionTimeout with a bounded-out-of-orderness watermark and fires
// its timers (api/shared.swift).

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
