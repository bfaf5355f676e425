// Exercise 14 checks: the merge by definition, and the catalogued wrong
// answers recomputed to name the misconception.
let hour = Clock.hourMicros

/// The two views and the last batch run's coverage, as the serving layer sees them.
struct Views {
    var hourStarts: [Int64]
    var coveredUntil: Int64?
    var batch: [Int64: Int]
    var speed: [Int64: Int]
}

/// The batch view where `useBatch(start, coverageEnd)` holds, else the speed view.
func merged(_ views: Views, useBatch: (Int64, Int64) -> Bool) -> [Int64: Int] {
    var answers: [Int64: Int] = [:]
    for start in views.hourStarts {
        if let covered = views.coveredUntil, useBatch(start, covered) {
            answers[start] = views.batch[start] ?? 0
        } else {
            answers[start] = views.speed[start] ?? 0
        }
    }
    return answers
}

func hourText(_ start: Int64) -> String { "[\(Clock.text(start)), \(Clock.text(start + hour)))" }

func checkServe(_ views: Views) -> String? {
    let actual = serve(hourStarts: views.hourStarts, hourMicros: hour, batchCoveredUntilMicros: views.coveredUntil,
                       batchView: views.batch, speedView: views.speed)
    let expected = merged(views) { start, covered in start + hour <= covered }
    if actual == expected { return nil }
    let hours = Set(actual.keys).union(expected.keys).sorted()
    let first = hours.first { actual[$0] != expected[$0] }!
    let coverage = views.coveredUntil.map { "the batch run covered up to \(Clock.text($0))" } ?? "no batch run has finished"
    let shown = "hour \(hourText(first)) served \(actual[first].map(String.init) ?? "nothing"), expected \(expected[first] ?? 0) (\(coverage))"
    var doubled: [Int64: Int] = [:]
    for start in views.hourStarts { doubled[start] = (views.batch[start] ?? 0) + (views.speed[start] ?? 0) }
    if actual == doubled {
        return "counted twice: \(shown); the speed layer keeps its own copy of hours the batch run already counted, so answer each hour from ONE view"
    }
    var speedFirst: [Int64: Int] = [:]
    for start in views.hourStarts { speedFirst[start] = views.speed[start] ?? views.batch[start] ?? 0 }
    if actual == speedFirst {
        return "used the speed view for an hour the batch run covered: \(shown); where the batch view exists it wins, it is what repairs the speed layer's drift"
    }
    if actual == merged(views, useBatch: { start, covered in start + hour < covered }) {
        return "`<` instead of `<=`: \(shown); an hour that ENDS exactly at the coverage end was covered whole, so the batch view answers it"
    }
    if actual == merged(views, useBatch: { start, covered in start < covered }) {
        return "batch view for an hour the batch run covered only in part: \(shown); the batch view answers only when start + hour <= coverage end"
    }
    return "wrong answers: \(shown)"
}
