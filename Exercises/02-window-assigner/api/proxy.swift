// Exercise 02, checker side: `assignWindows` as the checks call it, answered
// by the student's program over the wire (_kit/checker/StudentLink.swift).
func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {
    StudentLink.answer("assignWindows") {
        $0.put(eventTimeMicros); $0.put(sizeMicros); $0.put(slideMicros); $0.put(offsetMicros)
    }
}
