// Catalogued mistake: the fresher speed view wins wherever it has the hour.
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in hourStarts {
        answers[start] = speedView[start] ?? batchView[start] ?? 0
    }
    return answers
}
