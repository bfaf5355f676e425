// Catalogued mistake: the batch view answers for an hour that merely starts before the coverage end.
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in hourStarts {
        if let covered = batchCoveredUntilMicros, start < covered {
            answers[start] = batchView[start] ?? 0
        } else {
            answers[start] = speedView[start] ?? 0
        }
    }
    return answers
}
