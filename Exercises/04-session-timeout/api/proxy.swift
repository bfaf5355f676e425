// Exercise 04, checker side: a handle on a SessionTimeout that lives in the
// student's program (_kit/checker/StudentLink.swift). Timers cross the wire
// both ways, as `inout` does.
final class SessionTimeout {
    let gapMicros: Int64
    private let handle: Int

    init(gapMicros: Int64) {
        self.gapMicros = gapMicros
        handle = StudentLink.answer("init") { $0.put(gapMicros) }
    }

    func processElement(_ event: ShopEvent, timers: inout Timers) -> [SessionSummary] {
        let (summaries, updated): ([SessionSummary], Timers) = StudentLink.answer("processElement", { [handle, timers] in
            $0.put(handle); $0.put(event); $0.put(timers)
        }, decode: { (try $0.get(), try $0.get()) })
        timers = updated
        return summaries
    }

    func onTimer(_ timeMicros: Int64, key: String, timers: inout Timers) -> SessionSummary? {
        let (summary, updated): (SessionSummary?, Timers) = StudentLink.answer("onTimer", { [handle, timers] in
            $0.put(handle); $0.put(timeMicros); $0.put(key); $0.put(timers)
        }, decode: { (try $0.get(), try $0.get()) })
        timers = updated
        return summary
    }
}
