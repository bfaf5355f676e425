import Foundation

/// Grades a Swift exercise: compiles the kit, the student's file and the
/// exercise's checks with `swiftc` into a throwaway executable, then runs each
/// check in its own child process under a time and an output limit.
///
/// Model: student code is untrusted and may fail to compile, trap, loop
/// forever or print megabytes. None of that may crash or stall the grader: a
/// compile failure becomes an `error` for every check with the compiler's
/// message; a trap, a timeout or a flood becomes a `fail` for the check that
/// was running, with a message saying which. The other checks still run.
public struct SwiftExerciseRunner: Sendable {
    public struct Limits: Sendable {
        public var compile: ChildProcess.Limits
        public var check: ChildProcess.Limits

        public init(compile: ChildProcess.Limits = .init(timeoutSeconds: 180, outputLimitBytes: 64 * 1024),
                    check: ChildProcess.Limits = .init(timeoutSeconds: 10, outputLimitBytes: 64 * 1024)) {
            self.compile = compile
            self.check = check
        }
    }

    public static let resultMarker = "@@streamlab-check "

    public var kitDirectory: String
    public var limits: Limits

    public init(kitDirectory: String, limits: Limits = Limits()) {
        self.kitDirectory = kitDirectory
        self.limits = limits
    }

    public func grade(_ exercise: ExerciseDefinition, studentFile: String) throws -> ExerciseGrade {
        let declared = CheckSource.checks(in: exercise)
        let buildDirectory = try TemporaryDirectory.make(prefix: "streamlab-grade")
        defer { try? FileManager.default.removeItem(atPath: buildDirectory) }
        if let compileError = try compile(exercise, studentFile: studentFile, into: buildDirectory) {
            let outcomes = declared.map {
                TestOutcome(name: $0.name, visibility: $0.visibility, status: .error, message: "did not compile", testCode: $0.code, taskId: exercise.id)
            }
            return ExerciseGrade(exercise: exercise, outcomes: outcomes, errorMessage: compileError)
        }
        let binary = buildDirectory + "/checks"
        var outcomes: [TestOutcome] = []
        for (index, check) in declared.enumerated() {
            let run = try ChildProcess(executablePath: binary, arguments: ["--run", String(index)], workingDirectory: buildDirectory, environment: childEnvironment())
                .run(limits: limits.check)
            let (status, message) = interpret(run, studentFile: exercise.studentFile)
            outcomes.append(TestOutcome(name: check.name, visibility: check.visibility, status: status, message: message, testCode: check.code, taskId: exercise.id))
        }
        return ExerciseGrade(exercise: exercise, outcomes: outcomes, errorMessage: nil)
    }

    /// Returns nil on success, or the compiler's message with paths shortened.
    private func compile(_ exercise: ExerciseDefinition, studentFile: String, into directory: String) throws -> String? {
        let fileManager = FileManager.default
        var sources: [String] = []
        for name in try fileManager.contentsOfDirectory(atPath: kitDirectory).filter({ $0.hasSuffix(".swift") }).sorted() {
            try fileManager.copyItem(atPath: kitDirectory + "/" + name, toPath: directory + "/kit-" + name)
            sources.append("kit-" + name)
        }
        let testsDirectory = exercise.directory + "/tests"
        for name in try fileManager.contentsOfDirectory(atPath: testsDirectory).filter({ $0.hasSuffix(".swift") }).sorted() {
            try fileManager.copyItem(atPath: testsDirectory + "/" + name, toPath: directory + "/checks-" + name)
            sources.append("checks-" + name)
        }
        try fileManager.copyItem(atPath: studentFile, toPath: directory + "/" + exercise.studentFile)
        sources.append(exercise.studentFile)
        try "CheckRunner.main(visible: visibleChecks, hidden: hiddenChecks)\n".write(toFile: directory + "/main.swift", atomically: true, encoding: .utf8)
        sources.append("main.swift")
        // libm is linked so that student code using Double's rounding (floor,
        // rint, ...) links as it would in any Swift package on Linux.
        let arguments = ["-Onone", "-suppress-warnings", "-module-name", "Submission", "-lm", "-o", "checks"] + sources
        let outcome = try ChildProcess(executablePath: try Toolchain.swiftc(), arguments: arguments, workingDirectory: directory, environment: childEnvironment())
            .run(limits: limits.compile)
        if outcome.termination == .exited(0) { return nil }
        var message = outcome.output.replacingOccurrences(of: directory + "/", with: "")
        switch outcome.termination {
        case .timedOut: message += "\n(compilation stopped after \(Int(limits.compile.timeoutSeconds)) s)"
        case .outputLimitExceeded: message += "\n(compiler output cut)"
        default: break
        }
        return "did not compile:\n" + message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func interpret(_ run: ChildProcess.Outcome, studentFile: String) -> (TestOutcome.Status, String) {
        switch run.termination {
        case .timedOut:
            return (.fail, "timed out after \(Int(limits.check.timeoutSeconds)) s: an infinite loop, or a loop that never reaches its end condition")
        case .outputLimitExceeded:
            return (.fail, "printed more than \(limits.check.outputLimitBytes / 1024) KiB; remove the debugging prints")
        case .signalled(let signal):
            return (.fail, "crashed (signal \(signal)): a runtime trap such as fatalError, a force-unwrapped nil, an index out of range or an overflow"
                + Self.crashCause(run.output, studentFile: studentFile))
        case .exited(let code):
            guard let line = run.output.split(separator: "\n").last(where: { $0.hasPrefix(Self.resultMarker) }) else {
                return (.fail, "exited with code \(code) before reporting a result" + Self.tail(run.output))
            }
            let verdict = line.dropFirst(Self.resultMarker.count)
            if verdict == "PASS" { return (.pass, "") }
            let message = verdict.split(separator: "\t", maxSplits: 1).dropFirst().first.map(String.init) ?? "failed"
            return (.fail, message.replacingOccurrences(of: "\\n", with: "\n"))
        }
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

    private static func tail(_ output: String) -> String {
        let lines = output.split(separator: "\n").suffix(3)
        return lines.isEmpty ? "" : "\nlast output:\n" + lines.joined(separator: "\n")
    }

    private func childEnvironment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp", "LC_ALL": "C"]
    }
}

/// The checks an exercise declares, read from its test sources so that a
/// submission that does not compile still lists every check (with score 0),
/// and the maximum score never depends on the student's code.
public enum CheckSource {
    public struct Declared: Sendable, Equatable {
        public var name: String
        public var visibility: TestVisibility
        public var code: String
    }

    public static func checks(in exercise: ExerciseDefinition) -> [Declared] {
        declared(in: exercise.directory + "/tests/visible.swift", visibility: .visible)
            + declared(in: exercise.directory + "/tests/hidden.swift", visibility: .hidden)
    }

    static func declared(in path: String, visibility: TestVisibility) -> [Declared] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let pieces = text.components(separatedBy: "    Check(\"").dropFirst()
        return pieces.compactMap { piece in
            guard let quote = piece.firstIndex(of: "\"") else { return nil }
            let body = piece.components(separatedBy: "\n]").first ?? piece
            return Declared(name: String(piece[..<quote]), visibility: visibility, code: "Check(\"" + body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

enum Toolchain {
    /// `swiftc` from STREAMLAB_SWIFTC, else the first on PATH.
    static func swiftc() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["STREAMLAB_SWIFTC"], !configured.isEmpty { return configured }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = directory + "/swiftc"
            if FileManager.default.isExecutableFile(atPath: String(candidate)) { return String(candidate) }
        }
        throw ChildProcessError.spawnFailed("swiftc not found on PATH (set STREAMLAB_SWIFTC)")
    }
}

enum TemporaryDirectory {
    static func make(prefix: String) throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw ChildProcessError.spawnFailed("mkdtemp failed") }
        return String(cString: created)
    }
}
