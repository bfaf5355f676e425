// Exercise 14, checker side: `serve` as the checks call it, answered by the
// student's program over the wire (_kit/checker/StudentLink.swift).
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    StudentLink.answer("serve") {
        $0.put(hourStarts); $0.put(hourMicros); $0.put(batchCoveredUntilMicros); $0.put(batchView); $0.put(speedView)
    }
}
