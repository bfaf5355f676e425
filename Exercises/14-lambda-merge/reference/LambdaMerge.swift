// Reference for exercise 14: the batch view for hours the last batch run covered whole (end <= coverage end), else the speed view.
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in hourStarts {
        if let covered = batchCoveredUntilMicros, start + hourMicros <= covered {
            answers[start] = batchView[start] ?? 0
        } else {
            answers[start] = speedView[start] ?? 0
        }
    }
    return answers
}
