import ArgumentParser
import Foundation
import SimKernel
import Teaching

/// `streamlab exercises`: the students' side, in the style of rustlings.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List, check and get hints for the exercises; watch a file; print the mutation table; run the lab.",
        subcommands: [ExercisesListCommand.self, ExercisesCheckCommand.self, ExercisesHintCommand.self, ExercisesNextCommand.self,
                      ExercisesWatchCommand.self, ExercisesTableCommand.self, ExercisesLabCommand.self, ExercisesMutateCommand.self, ExercisesGradeOneCommand.self, ExercisesHandoutCommand.self],
        defaultSubcommand: ExercisesListCommand.self
    )
}

struct ExercisesOptions: ParsableArguments {
    @Option(help: "The exercises directory.")
    var exercisesDir: String = ExerciseLocation.defaultDirectory

    func catalog() throws -> ExerciseCatalog { try ExerciseCatalog(root: exercisesDir) }
}

struct ExercisesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the exercises with your progress.")
    @OptionGroup var options: ExercisesOptions

    func run() throws {
        let catalog = try reportingInputErrors { try options.catalog() }
        print(StudentReport.list(catalog, progress: StudentProgress(exercisesDirectory: catalog.root)), terminator: "")
    }
}

struct ExercisesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check your answer to exercise N (exit 1 until it passes).")
    @OptionGroup var options: ExercisesOptions
    @Argument(help: "Exercise number or slug.") var exercise: String

    func run() throws {
        let passed = try reportingInputErrors { try ExerciseChecking.checkOnce(options: options, exercise: exercise) }
        if !passed { throw ExitCode(1) }
    }
}

enum ExerciseChecking {
    /// Grades the student's file in place, prints the report, records progress.
    static func checkOnce(options: ExercisesOptions, exercise reference: String) throws -> Bool {
        let catalog = try options.catalog()
        let exercise = try catalog.exercise(reference)
        let grade = Grader(catalog: catalog).grade(exercise, file: exercise.studentFilePath)
        let relative = URL(fileURLWithPath: exercise.directory).lastPathComponent + "/" + exercise.studentFile
        print(StudentReport.check(grade, relativeFile: relative), terminator: "")
        let passed = grade.passedCount == grade.outcomes.count && grade.errorMessage == nil
        var progress = StudentProgress(exercisesDirectory: catalog.root)
        try progress.mark(exercise.id, done: passed)
        return passed
    }
}

struct ExercisesHintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hint", abstract: "Print the hints for exercise N.")
    @OptionGroup var options: ExercisesOptions
    @Argument(help: "Exercise number or slug.") var exercise: String

    func run() throws {
        let text = try reportingInputErrors { () throws -> String in
            let exercise = try options.catalog().exercise(exercise)
            guard let hints = try? String(contentsOfFile: exercise.directory + "/hints.md", encoding: .utf8) else {
                throw InputError(file: exercise.directory + "/hints.md", field: "hints", reason: "missing")
            }
            return "hints for \(exercise.label):\n" + hints
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}

struct ExercisesNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next", abstract: "Show the first exercise you have not finished.")
    @OptionGroup var options: ExercisesOptions

    func run() throws {
        let catalog = try reportingInputErrors { try options.catalog() }
        let progress = StudentProgress(exercisesDirectory: catalog.root)
        guard let next = catalog.exercises.first(where: { !progress.done.contains($0.id) }) else {
            print("all \(catalog.exercises.count) exercises done")
            return
        }
        let folder = URL(fileURLWithPath: next.directory).lastPathComponent
        print("next: \(next.label): \(next.title)")
        print("edit \(folder)/\(next.studentFile), read \(folder)/README.md, then run `streamlab exercises check \(next.id)`")
    }
}

struct ExercisesWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Re-check exercise N whenever its file changes, until it passes.")
    @OptionGroup var options: ExercisesOptions
    @Argument(help: "Exercise number or slug.") var exercise: String
    @Option(help: "Stop after this many checks.") var maxChecks: Int = 1000
    @Option(help: "Stop after this many seconds without a change.") var idleTimeoutSeconds: Double = 3600
    @Option(help: "How often to look at the file's modification time.") var pollMillis: Int = 500

    func run() throws {
        try reportingInputErrors {
            let file = try options.catalog().exercise(exercise).studentFilePath
            for checkNumber in 1...max(1, maxChecks) {
                if try ExerciseChecking.checkOnce(options: options, exercise: exercise) { return }
                guard checkNumber < maxChecks else { break }
                print("watching for changes... (check \(checkNumber) of at most \(maxChecks))")
                fflush(nil)
                guard Self.waitForChange(file, idleTimeoutSeconds: idleTimeoutSeconds, pollMillis: pollMillis) else {
                    print("no change for \(Int(idleTimeoutSeconds)) s; stopping")
                    break
                }
            }
            throw ExitCode(1)
        }
    }

    static func waitForChange(_ path: String, idleTimeoutSeconds: Double, pollMillis: Int) -> Bool {
        let start = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let polls = Int(idleTimeoutSeconds * 1000) / max(1, pollMillis)
        for _ in 0..<max(1, polls) {
            usleep(UInt32(max(1, pollMillis)) * 1000)
            let now = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            if now != start { return true }
        }
        return false
    }
}

struct ExercisesTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Grade every exercise's reference, starter and catalogued wrong answers; print the mutation table.")
    @OptionGroup var options: ExercisesOptions
    @Argument(help: "Only these exercises (numbers or slugs); default all.") var only: [String] = []

    func run() throws {
        let table = try reportingInputErrors { () throws -> MutationTable in
            let catalog = try options.catalog()
            let chosen = only.isEmpty ? catalog.exercises : try only.map { try catalog.exercise($0) }
            return try MutationTable.compute(grader: Grader(catalog: catalog), exercises: chosen)
        }
        print(table.markdown(), terminator: "")
        if table.rows.contains(where: { !$0.holds }) { throw ExitCode(1) }
    }
}

struct ExercisesLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run exercise 10's lab: 1-minute windows under a micro-batch trigger and a watermark delay.",
        discussion: "--sweep runs one lab per watermark delay, --sweep-triggers one per trigger interval; --svg draws the sweep.")
    @Option(help: "Micro-batch trigger interval, seconds.") var triggerIntervalSeconds: Double?
    @Option(help: "Watermark delay (max event time minus this), seconds.") var watermarkDelaySeconds: Double?
    @Option(help: "Comma-separated watermark delays to sweep, seconds.") var sweep: String?
    @Option(help: "Comma-separated trigger intervals to sweep, seconds.") var sweepTriggers: String?
    @Option(help: "Write the sweep's chart to this SVG file.") var svg: String?
    @Option(help: "Root seed.") var seed: UInt64 = 7

    func run() throws {
        try reportingInputErrors {
            let runs = try settingsToRun()
            let trigger = triggerIntervalSeconds.map { "trigger \(LabFormat.number($0)) s" }
            let delay = watermarkDelaySeconds.map { "watermark delay \(LabFormat.number($0)) s" }
            print("seed \(seed), \(trigger ?? delay ?? ""), 1-minute tumbling windows, append mode")
            var points: [LabSweepChart.Point] = []
            for (triggerSeconds, delaySeconds) in runs {
                let result = LatencyCompletenessLab(seed: seed).run(.init(
                    triggerIntervalMicros: SimKernel.Duration.micros(roundingSeconds: triggerSeconds).micros,
                    watermarkDelayMicros: SimKernel.Duration.micros(roundingSeconds: delaySeconds).micros))
                let swept = sweepTriggers != nil ? "trigger \(LabFormat.number(triggerSeconds)) s" : "watermark delay \(LabFormat.number(delaySeconds)) s"
                points.append(.init(settingSeconds: sweepTriggers != nil ? triggerSeconds : delaySeconds, result: result))
                print("\(swept): events \(result.eventCount), dropped late \(result.droppedLateCount), completeness \(LabFormat.percent(result.completeness)), latency after window end p50 \(LabFormat.seconds(result.latencyP50Micros)) s, p95 \(LabFormat.seconds(result.latencyP95Micros)) s")
            }
            if let svg {
                let title = sweepTriggers != nil
                    ? "Trigger interval: completeness vs p95 latency (\(delay ?? ""))"
                    : "Watermark delay: completeness vs p95 latency (\(trigger ?? ""))"
                let chart = LabSweepChart.render(points, title: title, settingName: sweepTriggers != nil ? "trigger interval" : "watermark delay")
                try AtomicFile.write(chart, to: svg)
                print("wrote \(svg)")
            }
        }
    }

    /// (trigger, delay) pairs in seconds: one run, a delay sweep or a trigger sweep.
    func settingsToRun() throws -> [(Double, Double)] {
        func list(_ text: String, _ field: String, positive: Bool) throws -> [Double] {
            let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.count <= 100, values.allSatisfy({ ($0 ?? -1) > (positive ? 0 : -1) }) else {
                throw CommandLineInput.failure(field, "expected up to 100 comma-separated values \(positive ? "> 0" : ">= 0")")
            }
            return values.map { $0! }
        }
        func single(_ value: Double?, _ field: String, positive: Bool) throws -> Double {
            guard let value, positive ? value > 0 : value >= 0 else {
                throw CommandLineInput.failure(field, positive ? "give a value > 0" : "give a value >= 0")
            }
            return value
        }
        if let sweepTriggers {
            let delay = try single(watermarkDelaySeconds, "--watermark-delay-seconds", positive: false)
            return try list(sweepTriggers, "--sweep-triggers", positive: true).map { ($0, delay) }
        }
        let trigger = try single(triggerIntervalSeconds, "--trigger-interval-seconds", positive: true)
        if let sweep { return try list(sweep, "--sweep", positive: false).map { (trigger, $0) } }
        return [(trigger, try single(watermarkDelaySeconds, "--watermark-delay-seconds", positive: false))]
    }
}

/// `streamlab exercises grade-one`: grades one file for one exercise and
/// prints the result as one line for `streamlab grade`, which runs it as a
/// child process per exercise (not for direct use).
struct ExercisesGradeOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade-one", abstract: "Grade one exercise in a child process (used by `streamlab grade`).",
                                                    shouldDisplay: false)
    @OptionGroup var options: ExercisesOptions
    @Option var exercise: String
    @Option var file: String
    @Option var budgetSeconds: Double = 20
    @Option var sandbox: String = "auto"

    func run() throws {
        let catalog = try reportingInputErrors { try options.catalog() }
        let chosen = try reportingInputErrors { try catalog.exercise(exercise) }
        // Fault injection for the tests of grading's totality:
        // STREAMLAB_INJECT_GRADER_FAULT=N makes this child trap on exercise N.
        if ProcessInfo.processInfo.environment["STREAMLAB_INJECT_GRADER_FAULT"] == String(chosen.id) {
            fatalError("injected grader fault in exercise \(chosen.id)")
        }
        var limits = SwiftExerciseRunner.Limits()
        limits.budgetSeconds = budgetSeconds
        let grade: ExerciseGrade
        do {
            grade = Grader(catalog: catalog, limits: limits, sandbox: try Sandbox.make(requested: sandbox)).grade(chosen, file: file)
        } catch {
            grade = .graderFailure(chosen, "\(error)")
        }
        print(Grader.transferLine(grade))
    }
}

/// `streamlab exercises mutate [N...]`: machine-made mutants of each Swift
/// exercise's reference, graded by its suite; the per-exercise table, the
/// survivors and the equivalents (listed by hand with their reasons).
struct ExercisesMutateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutate",
        abstract: "Grade machine-made mutants of each Swift exercise's reference; print the mutation score table (exit 1 below 95 %).")
    @OptionGroup var options: ExercisesOptions
    @Argument(help: "Only these exercises (numbers or slugs); default every Swift exercise.") var only: [String] = []
    @Flag(help: "List every mutant with its fate, not only survivors and equivalents.") var all = false

    func run() throws {
        let scores = try reportingInputErrors { () throws -> [MutationScore] in
            let catalog = try options.catalog()
            let chosen = (only.isEmpty ? catalog.exercises : try only.map { try catalog.exercise($0) }).filter { $0.kind == .swift }
            return try MutationScore.compute(grader: Grader(catalog: catalog), exercises: chosen)
        }
        print(MutationScore.markdown(scores), terminator: "")
        for score in scores {
            let details = score.details(all: all)
            if !details.isEmpty { print(details) }
            for stale in score.staleEquivalents { print("\(score.exercise.label)  stale equivalent \(stale): no longer generated; update mutants/equivalent.json") }
        }
        if scores.contains(where: { $0.score < MutationScore.requiredScore || !$0.staleEquivalents.isEmpty }) { throw ExitCode(1) }
    }
}
