// Catalogued mistake: `<` instead of `<=`, so the hour ending exactly at the coverage end goes to the speed view.
func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in hourStarts {
        if let covered = batchCoveredUntilMicros, start + hourMicros < covered {
            answers[start] = batchView[start] ?? 0
        } else {
            answers[start] = speedView[start] ?? 0
        }
    }
    return answers
}
