#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Grades a Swift exercise with two programs that never share a process.
///
/// - The **checker** is compiled from the kit's `shared/` and `checker/`
///   files, the exercise's `api/proxy.swift` and its `tests/` (visible and
///   hidden checks, expected values, diagnoses). It contains no student code,
///   runs outside the sandbox and alone prints a verdict. It is built once
///   per set of sources and cached in a directory only the grader can read.
/// - The **student's program** is compiled, inside the sandbox, from the
///   kit's `shared/` and `student/` files, `api/student.swift` and the
///   student's file. It answers the checker's calls over two pipes
///   (descriptors 3 and 4) and can reach nothing else: not the verdict pipe,
///   not the checks, not the grader's files.
///
/// Each check starts a fresh student program in a fresh sandbox and a checker
/// for that check; the check ends when the checker ends, and then the whole
/// sandbox is killed. A check that loops, crashes, exits, floods its output,
/// exhausts memory or forges a verdict fails with a message saying which;
/// the other checks still run. All the checks of one exercise share one wall
/// time budget (20 s by default): each check may use what remains divided by
/// the checks still to run.
///
/// The threat model is at the top of `Sandbox`.
public struct SwiftExerciseRunner: Sendable {
    public struct Limits: Sendable {
        /// Compiling the student's file (wall time and compiler output).
        public var compile: ChildProcess.Limits
        /// Wall time for all of an exercise's checks together.
        public var budgetSeconds: Double
        /// What a student's program may print before its check fails.
        public var outputLimitBytes: Int
        public var run: Sandbox.Limits
        public var compileResources: Sandbox.Limits

        /// Building an exercise's checker (trusted, once per set of sources).
        public var checkerCompile = ChildProcess.Limits(timeoutSeconds: 180, outputLimitBytes: 256 * 1024)
        /// A student's file larger than this is refused before compiling.
        public var sourceLimitBytes: Int = 1 << 20

        /// 30 s of compiling: a student's file compiles in 1-3 s on the
        /// 2-core machine class, so the limit only stops compile-time bombs
        /// (it is not part of the checks' budget).
        public init(compile: ChildProcess.Limits = .init(timeoutSeconds: 30, outputLimitBytes: 64 * 1024),
                    budgetSeconds: Double = 20, outputLimitBytes: Int = 64 * 1024,
                    run: Sandbox.Limits = .run, compileResources: Sandbox.Limits = .compile) {
            self.compile = compile
            self.budgetSeconds = budgetSeconds
            self.outputLimitBytes = outputLimitBytes
            self.run = run
            self.compileResources = compileResources
        }
    }

    public var kitDirectory: String
    public var limits: Limits
    public var sandbox: Sandbox
    /// Stop at the first check that does not pass (the mutation tool only
    /// needs to know whether a mutant is killed); the rest are "not run".
    public var stopAtFirstFailure = false

    public init(kitDirectory: String, limits: Limits = Limits(), sandbox: Sandbox) {
        self.kitDirectory = kitDirectory
        self.limits = limits
        self.sandbox = sandbox
    }

    public func grade(_ exercise: ExerciseDefinition, studentFile: String) throws -> ExerciseGrade {
        var runner = self
        runner.sandbox = sandbox.forOneSubmission()
        return try runner.gradeInOwnSandbox(exercise, studentFile: studentFile)
    }

    private func gradeInOwnSandbox(_ exercise: ExerciseDefinition, studentFile: String) throws -> ExerciseGrade {
        let declared = CheckSource.checks(in: exercise)
        let checker = try CheckerBuilds.checker(for: exercise, kitDirectory: kitDirectory, limits: limits.checkerCompile)
        let scratch = try sandbox.makeScratch()
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            if let uid = sandbox.uid, sandbox.mode == .user { Sandbox.removeFiles(ownedBy: uid) }
        }
        if let compileError = try compileStudent(exercise, studentFile: studentFile, scratch: scratch) {
            let outcomes = declared.map {
                TestOutcome(name: $0.name, visibility: $0.visibility, status: .error, message: "did not compile", testCode: $0.code, taskId: exercise.id)
            }
            return ExerciseGrade(exercise: exercise, outcomes: outcomes, errorMessage: compileError)
        }
        let started = MonotonicClock.nowSeconds()
        var outcomes: [TestOutcome] = []
        for (index, check) in declared.enumerated() {
            let remaining = limits.budgetSeconds - (MonotonicClock.nowSeconds() - started)
            let (status, message): (TestOutcome.Status, String)
            if stopAtFirstFailure, outcomes.contains(where: { $0.status != .pass }) {
                (status, message) = (.fail, "not run: an earlier check failed")
            } else if remaining <= 0.05 {
                (status, message) = (.fail, "not run: the exercise's \(Self.seconds(limits.budgetSeconds)) budget was used up by the checks before it")
            } else {
                let deadline = remaining / Double(declared.count - index)
                let run = try CheckRun(checker: checker, index: index, scratch: scratch, deadlineSeconds: deadline, runner: self).run()
                (status, message) = interpret(run, deadlineSeconds: deadline, studentFile: exercise.studentFile)
            }
            outcomes.append(TestOutcome(name: check.name, visibility: check.visibility, status: status, message: message, testCode: check.code, taskId: exercise.id))
        }
        return ExerciseGrade(exercise: exercise, outcomes: outcomes, errorMessage: nil)
    }

    // MARK: Compiling the student's program, in the sandbox

    /// Returns nil on success, or the compiler's message with paths shortened.
    private func compileStudent(_ exercise: ExerciseDefinition, studentFile: String, scratch: String) throws -> String? {
        let contents: Data
        do { contents = try SubmissionFile.contents(studentFile, limitBytes: limits.sourceLimitBytes) } catch {
            return "did not compile:\n\(error)"
        }
        var sources = try CheckerBuilds.copySources(CheckerBuilds.studentSources(exercise, kitDirectory: kitDirectory), into: scratch)
        let copied = scratch + "/" + exercise.studentFile
        try contents.write(to: URL(fileURLWithPath: copied))
        sources.append(exercise.studentFile)
        try "StudentServer.main(StudentSide.dispatch)\n".write(toFile: scratch + "/main.swift", atomically: false, encoding: .utf8)
        sources.append("main.swift")
        if let uid = sandbox.uid {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [] { chown(scratch + "/" + name, uid, uid) }
        }
        // libm is linked so that student code using Double's rounding (floor,
        // rint, ...) links as it would in any Swift package on Linux.
        let program = [try Toolchain.swiftc(), "-Onone", "-suppress-warnings", "-module-name", "Submission", "-lm", "-o", scratch + "/student"]
            + sources.map { scratch + "/" + $0 }
        let command = sandbox.command(program, scratch: scratch, limits: limits.compileResources, environment: sandbox.environment(scratch: scratch))
        let compiler = ChildProcess(executablePath: command[0], arguments: Array(command.dropFirst()), workingDirectory: scratch, environment: sandbox.environment(scratch: scratch))
        let outcome = try compiler.run(limits: limits.compile)
        sandbox.endAll(processGroup: nil)
        if outcome.termination == .exited(0) && FileManager.default.fileExists(atPath: scratch + "/student") { return nil }
        var message = outcome.output
            .replacingOccurrences(of: scratch + "/", with: "")
            .replacingOccurrences(of: Sandbox.scratchMount + "/", with: "")
        switch outcome.termination {
        case .timedOut: message += "\n(compilation stopped after \(Int(limits.compile.timeoutSeconds)) s)"
        case .outputLimitExceeded: message += "\n(compiler output cut)"
        case .signalled(let signal): message += "\n(the compiler was stopped by signal \(signal): a resource limit)"
        default: break
        }
        return "did not compile:\n" + message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: What a check's two programs mean together

    func interpret(_ run: CheckRun.Outcome, deadlineSeconds: Double, studentFile: String) -> (TestOutcome.Status, String) {
        if run.studentOutputExceeded {
            return (.fail, "printed more than \(limits.outputLimitBytes / 1024) KiB; remove the debugging prints")
        }
        switch run.checker {
        case .timedOut:
            return (.fail, "timed out after \(Self.seconds(deadlineSeconds)) (this check's share of the exercise's \(Self.seconds(limits.budgetSeconds)) budget): an infinite loop, or a loop that never reaches its end condition")
        case .finished(let verdict):
            switch verdict {
            case .pass: return (.pass, "")
            case .fail(let message): return (.fail, message)
            case .noResult(let reason): return (.fail, noResultMessage(reason, student: run.student, output: run.studentOutput, studentFile: studentFile))
            case .none(let termination):
                return (.error, "grader error: the checker stopped without a verdict (\(termination)); no mark is given for this check; if you believe your answer is right, tell your instructor")
            }
        }
    }

    /// Why the student's program gave no answer, from how it ended.
    private func noResultMessage(_ reason: String, student: ChildProcess.Termination?, output: String, studentFile: String) -> String {
        switch student {
        case .signalled(SIGXCPU):
            return "used more than \(limits.run.cpuSeconds) s of CPU time: an infinite loop"
        case .signalled(SIGXFSZ):
            return "wrote a file larger than \(limits.run.fileSizeBytes >> 20) MiB"
        case .signalled(let signal):
            if Self.ranOutOfMemory(output) {
                return "ran out of memory: more than the \(limits.run.addressSpaceBytes >> 30) GiB limit (state that grows without bound?)"
            }
            return "crashed (signal \(signal)): a runtime trap such as fatalError, a force-unwrapped nil, an index out of range or an overflow"
                + Self.crashCause(output, studentFile: studentFile)
        case .exited(let code) where code == 3 || code == 4:
            return "your program's answer could not be read: \(reason)"
        case .exited(let code):
            return "your program exited (code \(code)) before it answered: the grader calls your code and reads what it returns; do not call exit(), and do not print a verdict"
                + Self.tail(output)
        case .timedOut, .outputLimitExceeded, nil:
            return "no answer: \(reason)"
        }
    }

    static func ranOutOfMemory(_ output: String) -> Bool {
        ["Could not allocate memory", "out of memory", "Cannot allocate memory", "failed to allocate", "std::bad_alloc"]
            .contains { output.contains($0) }
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? "\(Int(value.rounded())) s" : String(format: "%.1f s", value)
    }

    /// What a student needs from a crash: the runtime's `Fatal error` line
    /// and the first frame in their own file (`WindowAssigner.swift:12`),
    /// not the last lines of the backtrace; the last lines only when neither
    /// is there.
    static func crashCause(_ output: String, studentFile: String) -> String {
        let lines = output.split(separator: "\n").map(String.init)
        let fatal = lines.first { $0.contains("Fatal error") }.map { shortened($0, studentFile: studentFile) }
        let frame = lines.first { $0.contains(" at ") && $0.contains("/" + studentFile + ":") && !$0.contains("Fatal error") }
            .map { line -> String in
            let location = line[line.range(of: studentFile + ":")!.lowerBound...]
            var place = String(location.prefix { !$0.isWhitespace })
            while place.hasSuffix(":") { place.removeLast() }
            return "at " + place
        }
        guard fatal != nil || frame != nil else { return tail(output) }
        return "\n" + [fatal, frame].compactMap { $0 }.joined(separator: "\n")
    }

    /// A line with the build directory's path cut back to the file name.
    private static func shortened(_ line: String, studentFile: String) -> String {
        guard let range = line.range(of: studentFile) else { return line.trimmingCharacters(in: .whitespaces) }
        let before = line[..<range.lowerBound]
        guard let slash = before.lastIndex(of: "/") else { return line.trimmingCharacters(in: .whitespaces) }
        let start = before[..<slash].lastIndex(where: { $0.isWhitespace }).map { line.index(after: $0) } ?? line.startIndex
        return (String(line[..<start]) + String(line[line.index(after: slash)...])).trimmingCharacters(in: .whitespaces)
    }

    static func tail(_ output: String) -> String {
        let lines = output.split(separator: "\n").suffix(3)
        return lines.isEmpty ? "" : "\nlast output:\n" + lines.joined(separator: "\n")
    }
}
