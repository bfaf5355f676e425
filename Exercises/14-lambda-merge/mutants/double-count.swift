// Catalogued mistake: both views added for the hours the batch run covered.
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in hourStarts {
        answers[start] = (batchView[start] ?? 0) + (speedView[start] ?? 0)
    }
    return answers
}
