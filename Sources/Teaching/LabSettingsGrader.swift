import SimKernel

/// Exercise 10: choose a trigger interval and a watermark delay that meet a
/// latency target and a completeness target at once, graded by running
/// `LatencyCompletenessLab` on a visible seed and on hidden seeds.
///
/// The visible seed is the lab's default (`streamlab exercises lab` runs it),
/// so it may live here. The hidden seeds live in the exercise's
/// `grading/seeds.json`, which the students' hand-out leaves out: without that
/// folder only the visible seed is graded (see `GradingData`).
enum LabSettingsGrader {
    static let latencyTargetP95Micros: Int64 = 30_000_000
    static let completenessTarget = 0.99
    static let visibleSeeds: [UInt64] = [7]
    static let seedsFile = "seeds.json"

    static func grade(_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome] {
        let hidden = try hiddenSeeds(exercise)
        return grade(text, taskId: exercise.id, seeds: visibleSeeds.map { ($0, .visible) } + hidden.map { ($0, .hidden) })
    }

    /// `grading/seeds.json`: `{"seeds": [{"seed": 11, "visibility": "hidden"}, …]}`;
    /// empty in a hand-out copy.
    static func hiddenSeeds(_ exercise: ExerciseDefinition) throws -> [UInt64] {
        guard let path = GradingData.instructorFile(seedsFile, of: exercise) else { return [] }
        let file = try GradingData.object(at: path)
        try file.rejectUnknown(["about", "seeds"])
        var seeds: [UInt64] = []
        for entry in try file.objects("seeds") {
            try entry.rejectUnknown(["seed", "visibility"])
            _ = try GradingData.visibility(of: entry, expected: .hidden)
            let seed = UInt64(try entry.integer("seed", in: 0...9_007_199_254_740_992))
            guard !seeds.contains(seed), !visibleSeeds.contains(seed) else {
                throw entry.failure("seed", "\(seed) is listed twice or is the visible seed")
            }
            seeds.append(seed)
        }
        return seeds
    }

    static func grade(_ text: String, taskId: Int, seeds: [(UInt64, TestVisibility)]) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        // Validated before the lab runs: a trigger that rounds to 0 µs would
        // be a scheduler precondition failure, and one of microseconds would
        // run millions of batches; 0.1 s is Spark's practical floor.
        guard let trigger = answers["trigger.interval.seconds"].flatMap(Double.init), trigger >= 0.1, trigger <= 600,
              let delay = answers["watermark.delay.seconds"].flatMap(Double.init), delay >= 0, delay <= 3600 else {
            let problem = "set trigger.interval.seconds in [0.1, 600] and watermark.delay.seconds in [0, 3600]"
            let checks = seeds.flatMap { seed, visibility in
                [AnswerCheck(name: "seed \(seed): p95 latency <= 30 s", visibility: visibility, problem: problem),
                 AnswerCheck(name: "seed \(seed): completeness >= 99%", visibility: visibility, problem: problem)]
            }
            return AnswerCheck.outcomes(checks, taskId: taskId)
        }
        let settings = LatencyCompletenessLab.Settings(
            triggerIntervalMicros: SimKernel.Duration.micros(roundingSeconds: trigger).micros,
            watermarkDelayMicros: SimKernel.Duration.micros(roundingSeconds: delay).micros)
        var checks: [AnswerCheck] = []
        for (seed, visibility) in seeds {
            let result = LatencyCompletenessLab(seed: seed).run(settings)
            checks.append(AnswerCheck(name: "seed \(seed): p95 latency <= 30 s", visibility: visibility, problem:
                result.latencyP95Micros <= latencyTargetP95Micros ? nil : latencyProblem(result, trigger: trigger, delay: delay)))
            checks.append(AnswerCheck(name: "seed \(seed): completeness >= 99%", visibility: visibility, problem:
                result.completeness >= completenessTarget ? nil : completenessProblem(result, delay: delay)))
        }
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }

    static func latencyProblem(_ result: LatencyCompletenessLab.Result, trigger: Double, delay: Double) -> String {
        let p95 = LabFormat.seconds(result.latencyP95Micros)
        let cause = delay >= trigger
            ? "the watermark waits \(LabFormat.number(delay)) s past each window's end before append mode may emit it"
            : "a window is emitted by the batch after the one whose data moved the watermark past its end, so each result waits up to two trigger intervals (\(LabFormat.number(trigger)) s each)"
        return "results too late: p95 latency \(p95) s > 30 s; \(cause)"
    }

    static func completenessProblem(_ result: LatencyCompletenessLab.Result, delay: Double) -> String {
        "watermark too tight: \(result.droppedLateCount) of \(result.eventCount) events arrived after the watermark (\(LabFormat.number(delay)) s) had passed their window's end and were dropped as late; completeness \(LabFormat.percent(result.completeness)) < 99%"
    }
}

/// Fixed-format numbers for lab reports (no locale, no float noise).
public enum LabFormat {
    public static func seconds(_ micros: Int64) -> String {
        let tenths = (micros + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    public static func percent(_ fraction: Double) -> String {
        let hundredths = Int64((fraction * 10_000).rounded())
        let fractional = hundredths % 100
        return "\(hundredths / 100).\(fractional < 10 ? "0" : "")\(fractional)%"
    }

    public static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
