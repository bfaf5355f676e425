// Exercise 11, checker side: `countPerWindow` as the checks call it, answered
// by the student's program over the wire (_kit/checker/StudentLink.swift).
func countPerWindow(_ arrivals: [(event: ShopEvent, watermarkMicros: Int64)], windowMicros: Int64) -> [TimeWindow: Int] {
    StudentLink.answer("countPerWindow") {
        $0.put(arrivals.map(\.event)); $0.put(arrivals.map(\.watermarkMicros)); $0.put(windowMicros)
    }
}
