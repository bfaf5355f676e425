import Foundation
import Testing
@testable import Teaching

/// The hostile-submission suite: each test is an attack a student could make
/// on exercise 02 (whose honest answers here are wrong: they return no
/// windows, so every mark is forged). Each attack runs in every sandbox mode
/// this machine offers (namespaces, and the unprivileged-user fallback), on a
/// private copy of `Exercises/`, and must:
///   - earn no mark it did not earn,
///   - change no file outside its scratch directory (the copy of the
///     exercises, the results folder, /tmp),
///   - leave no process behind,
///   - be graded within 40 s for the whole exercise.
@Suite struct HostileSubmissionTests {
    static let header = "func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {\n"

    /// Every mode that isolates student code and that this machine offers.
    static let modes: [Sandbox.Mode] = [.namespaces, .user].filter { (try? Sandbox.make(requested: $0.rawValue)) != nil }

    struct Attacked {
        var grade: ExerciseGrade
        var seconds: Double
        /// Where the attack was told the results and the exercises are.
        var results: String
        var exercises: String
        var token: String
    }

    /// Grades `body` (with `$RESULTS`, `$EXERCISES` and `$TOKEN` filled in)
    /// and checks what every attack must leave intact.
    func attack(_ mode: Sandbox.Mode, imports: String = "import Glibc\n", prelude: String = "", body: String,
                budgetSeconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> Attacked {
        let root = try TestPaths.temporaryDirectory()
        chmod(root, 0o700)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let exercises = root + "/Exercises", results = root + "/results", submission = root + "/submission"
        try FileManager.default.copyItem(atPath: TestPaths.exercises, toPath: exercises)
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: submission, withIntermediateDirectories: true)
        try "{\"score\": 0}\n".write(toFile: results + "/results.json", atomically: true, encoding: .utf8)
        let token = "hostile" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "$RESULTS", with: results).replacingOccurrences(of: "$EXERCISES", with: exercises)
                .replacingOccurrences(of: "$TOKEN", with: token)
        }
        try fill(imports + prelude + Self.header + body + "\n}\n").write(toFile: submission + "/WindowAssigner.swift", atomically: true, encoding: .utf8)
        let before = try Self.digests([exercises, results])
        var limits = SwiftExerciseRunner.Limits()
        limits.budgetSeconds = budgetSeconds
        let grader = Grader(catalog: try ExerciseCatalog(root: exercises), limits: limits, sandbox: try Sandbox.make(requested: mode.rawValue))
        let started = ProcessInfo.processInfo.systemUptime
        let grade = try grader.gradeSubmission(directory: submission, exercise: "2")[0]
        let seconds = ProcessInfo.processInfo.systemUptime - started
        // A survivor would act a few seconds after the grader returns.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try Self.digests([exercises, results]) == before, "files outside the scratch directory changed", sourceLocation: sourceLocation)
        #expect(Self.processes(matching: token).isEmpty, "a process outlived the grader: \(Self.processes(matching: token))", sourceLocation: sourceLocation)
        #expect(Self.tmpEntries(containing: token).isEmpty, "left files in /tmp: \(Self.tmpEntries(containing: token))", sourceLocation: sourceLocation)
        #expect(seconds <= 40, "graded in \(seconds) s", sourceLocation: sourceLocation)
        return Attacked(grade: grade, seconds: seconds, results: results, exercises: exercises, token: token)
    }

    static func digests(_ directories: [String]) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for directory in directories {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            result[directory + "/" + name] = isDirectory.boolValue ? Data() : FileManager.default.contents(atPath: directory + "/" + name)
        }
        }
        return result
    }

    static func processes(matching token: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid -> String? in
            guard Int(pid) != nil, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return command.contains(token) ? "\(pid): \(command)" : nil
        }
    }

    static func tmpEntries(containing token: String) -> [String] {
        ["/tmp", "/var/tmp", "/dev/shm"].flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.contains(token) }.map { directory + "/" + $0 }
        }
    }

    func expectNoMarks(_ attacked: Attacked, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(attacked.grade.passedCount == 0, "forged \(attacked.grade.passedCount) marks: \(attacked.grade.outcomes.filter { $0.status == .pass }.map(\.name))", sourceLocation: sourceLocation)
    }

    // MARK: Forging the verdict

    @Test(arguments: modes) func printingThePassMarkerThenExitingEarnsNothing(mode: Sandbox.Mode) throws {
        let attacked = try attack(mode, body: "print(\"@@streamlab-check PASS\")\nfflush(stdout)\nexit(0)")
        expectNoMarks(attacked)
        #expect(attacked.grade.outcomes.allSatisfy { $0.message.contains("exited (code 0) before it answered") })
    }

    @Test(arguments: modes) func aVerdictWrittenToEveryDescriptorEarnsNothing(mode: Sandbox.Mode) throws {
        // Whatever descriptors the program holds (its call and answer pipes,
        // its output), a forged verdict written to each reaches no verdict.
        let body = """
        let forged = "@@streamlab-check PASS\\n"
        for fd in Int32(1)..<Int32(256) { _ = forged.withCString { write(fd, $0, strlen($0)) } }
        return []
        """
        expectNoMarks(try attack(mode, body: body))
    }

    @Test(arguments: modes) func aShadowedPrintEarnsNothing(mode: Sandbox.Mode) throws {
        let prelude = """
        func print(_ items: Any..., separator: String = " ", terminator: String = "\\n") {
            Swift.print("@@streamlab-check PASS")
        }

        """
        expectNoMarks(try attack(mode, prelude: prelude, body: "print(\"FAIL\")\nreturn []"))
    }

    @Test(arguments: modes) func anOverloadedEqualsEarnsNothing(mode: Sandbox.Mode) throws {
        let prelude = """
        func == (lhs: [TimeWindow], rhs: [TimeWindow]) -> Bool { true }
        func != (lhs: [TimeWindow], rhs: [TimeWindow]) -> Bool { false }
        extension TimeWindow { static func == (lhs: TimeWindow, rhs: TimeWindow) -> Bool { true } }

        """
        expectNoMarks(try attack(mode, prelude: prelude, body: "return []"))
    }

    @Test(arguments: modes) func exitingAtOnceEarnsNothing(mode: Sandbox.Mode) throws {
        expectNoMarks(try attack(mode, body: "exit(0)"))
    }

    @Test(arguments: modes) func aFakeResultsFileIsNotWritten(mode: Sandbox.Mode) throws {
        let body = """
        let forged = "{\\"score\\": 100, \\"tests\\": []}"
        for path in ["$RESULTS/results.json", "/autograder/results/results.json"] {
            if let file = fopen(path, "w") { fputs(forged, file); fclose(file) }
        }
        return []
        """
        expectNoMarks(try attack(mode, body: body))
    }

    // MARK: Secrets

    @Test(arguments: modes) func hiddenTestsAndTheReferenceCannotBeRead(mode: Sandbox.Mode) throws {
        // Reads by path, through the parent's /proc entry and its cwd, and
        // leaks whatever it finds through a crash message and the output.
        let body = """
        var leaked = ""
        let paths = ["$EXERCISES/02-window-assigner/tests/hidden.swift", "$EXERCISES/02-window-assigner/reference/WindowAssigner.swift",
                     "/proc/\\(getppid())/cwd/tests/hidden.swift", "/proc/1/cwd/$EXERCISES/02-window-assigner/tests/hidden.swift"]
        for path in paths {
            guard let file = fopen(path, "r") else { continue }
            var buffer = [CChar](repeating: 0, count: 4096)
            while fgets(&buffer, 4096, file) != nil { leaked += String(cString: buffer) }
            fclose(file)
        }
        print(leaked)
        fatalError("LEAK:" + leaked)
        """
        let attacked = try attack(mode, body: body)
        expectNoMarks(attacked)
        let hidden = try String(contentsOfFile: TestPaths.exercises + "/02-window-assigner/tests/hidden.swift", encoding: .utf8)
        let secret = "9_007_199_254_999_999"
        #expect(hidden.contains(secret))
        for outcome in attacked.grade.outcomes {
            #expect(!outcome.message.contains(secret), "leaked the hidden tests: \(outcome.message.prefix(200))")
            #expect(!outcome.message.contains("walk back"), "leaked the reference")
        }
    }

    // MARK: Tampering

    @Test(arguments: modes) func theTestsTheReferenceAndPathsOutsideCannotBeRewritten(mode: Sandbox.Mode) throws {
        let body = """
        let targets = ["$EXERCISES/02-window-assigner/tests/visible.swift", "$EXERCISES/02-window-assigner/tests/hidden.swift",
                       "$EXERCISES/02-window-assigner/reference/WindowAssigner.swift", "$EXERCISES/_kit/checker/CheckRunner.swift",
                       "/tmp/$TOKEN-outside", "/var/tmp/$TOKEN-outside", "/dev/shm/$TOKEN-outside", "$RESULTS/../$TOKEN"]
        for path in targets {
            if let file = fopen(path, "w") { fputs("let visibleChecks: [Check] = []\\nlet hiddenChecks: [Check] = []\\n", file); fclose(file) }
        }
        return []
        """
        let attacked = try attack(mode, body: body)
        expectNoMarks(attacked)
        // A later, honest submission is graded against the untouched suite.
        let starter = try Grader(catalog: try ExerciseCatalog(root: TestPaths.exercises), sandbox: try Sandbox.make(requested: mode.rawValue))
            .grade(try ExerciseCatalog(root: TestPaths.exercises).exercise("2"), file: TestPaths.exercises + "/02-window-assigner/WindowAssigner.swift")
        let declared = CheckSource.checks(in: try ExerciseCatalog(root: TestPaths.exercises).exercise("2")).count
        #expect(starter.passedCount == 0 && starter.outcomes.count == declared)
    }

    // MARK: Processes

    @Test(arguments: modes) func aDetachedSurvivorDoesNotOutliveTheGrader(mode: Sandbox.Mode) throws {
        let body = """
        system("setsid sh -c 'sleep 1; echo forged > $RESULTS/results.json; echo forged > /tmp/$TOKEN-late; sleep 30' >/dev/null 2>&1 < /dev/null &")
        system("nohup sleep 31 $TOKEN >/dev/null 2>&1 &")
        return []
        """
        expectNoMarks(try attack(mode, body: body))
    }

    @Test(arguments: modes) func aBackgroundSleeperHoldingTheOutputDoesNotStallGrading(mode: Sandbox.Mode) throws {
        // A correct answer that leaves a sleeper holding its output pipe.
        let reference = try String(contentsOfFile: TestPaths.exercises + "/02-window-assigner/reference/WindowAssigner.swift", encoding: .utf8)
        let renamed = reference.replacingOccurrences(of: "func assignWindows(", with: "func referenceWindows(")
        let body = """
        system("sleep 60 $TOKEN &")
        return referenceWindows(eventTimeMicros: eventTimeMicros, sizeMicros: sizeMicros, slideMicros: slideMicros, offsetMicros: offsetMicros)
        """
        let attacked = try attack(mode, prelude: renamed + "\n", body: body)
        #expect(attacked.grade.passedCount == attacked.grade.outcomes.count && attacked.grade.outcomes.count >= 10, "a correct answer lost marks: \(attacked.grade.firstProblem ?? "")")
        #expect(attacked.seconds < 30)
    }

    @Test(arguments: modes) func aForkBombIsContained(mode: Sandbox.Mode) throws {
        let body = "for _ in 0..<10_000 { if fork() < 0 { break } }\nreturn []"
        expectNoMarks(try attack(mode, body: body))
    }

    // MARK: Resources

    @Test(arguments: modes) func anInfiniteLoopFailsWithinTheBudget(mode: Sandbox.Mode) throws {
        // The default budget (20 s for the exercise's checks).
        let attacked = try attack(mode, body: "var n = 0\nwhile true { n &+= 1 }")
        expectNoMarks(attacked)
        #expect(attacked.seconds <= 40)
        #expect(attacked.grade.outcomes.allSatisfy { $0.message.hasPrefix("timed out after") || $0.message.hasPrefix("not run: the exercise's 20 s budget") })
    }

    @Test(arguments: modes) func eightGibibytesRunOutOfMemory(mode: Sandbox.Mode) throws {
        let body = "var big = [UInt8](repeating: 1, count: 8 << 30)\nbig[7] = 2\nreturn big[7] == 2 ? [] : []"
        let attacked = try attack(mode, body: body)
        expectNoMarks(attacked)
        #expect(attacked.grade.outcomes.allSatisfy { $0.message.hasPrefix("ran out of memory") }, "\(attacked.grade.firstProblem ?? "")")
    }

    @Test(arguments: modes) func aHundredMegabyteFloodIsCut(mode: Sandbox.Mode) throws {
        let attacked = try attack(mode, body: "let line = String(repeating: \"x\", count: 1000)\nfor _ in 0..<100_000 { print(line) }\nreturn []")
        expectNoMarks(attacked)
        #expect(attacked.grade.outcomes.allSatisfy { $0.message.hasPrefix("printed more than 64 KiB") })
    }

    @Test(arguments: modes) func aHugeFileIsStoppedByTheFileSizeLimit(mode: Sandbox.Mode) throws {
        let body = """
        if let file = fopen("big-$TOKEN", "w") {
            let block = [UInt8](repeating: 7, count: 1 << 20)
            for _ in 0..<200 { fwrite(block, 1, block.count, file) }
            fclose(file)
        }
        return []
        """
        expectNoMarks(try attack(mode, body: body))
    }

    @Test(arguments: modes) func aCrashFailsWithItsCause(mode: Sandbox.Mode) throws {
        let attacked = try attack(mode, body: "fatalError(\"boom\")")
        expectNoMarks(attacked)
        #expect(attacked.grade.outcomes.allSatisfy { $0.message.hasPrefix("crashed (signal ") && $0.message.contains("Fatal error: boom") })
    }

    @Test(arguments: modes) func aCompileErrorIsAnErrorWithTheCompilersMessage(mode: Sandbox.Mode) throws {
        let attacked = try attack(mode, imports: "", body: "return [TimeWindow(start: 0)]")
        #expect(attacked.grade.outcomes.count >= 10)
        #expect(attacked.grade.outcomes.allSatisfy { $0.status == .error })
        #expect(attacked.grade.errorMessage?.hasPrefix("did not compile:\nWindowAssigner.swift:2:") == true, "\(attacked.grade.errorMessage ?? "")")
    }

    @Test(arguments: modes) func aHugeSourceFileIsRefusedBeforeCompiling(mode: Sandbox.Mode) throws {
        let filler = String(repeating: "// padding padding padding padding padding padding padding padding\n", count: 20_000)
        let attacked = try attack(mode, prelude: filler, body: "return []")
        expectNoMarks(attacked)
        #expect(attacked.grade.errorMessage?.contains("the grader accepts files up to 1024 KiB") == true)
    }

    /// A submission whose file is a link to the reference (or sits in a
    /// linked folder) hands in nothing: the grader reads only regular files
    /// inside the submission.
    @Test func aLinkToTheReferenceIsRefused() throws {
        let root = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let grader = Grader(catalog: try ExerciseCatalog(root: TestPaths.exercises))
        let linked = root + "/linked"
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked + "/WindowAssigner.swift",
                                                   withDestinationPath: TestPaths.exercises + "/02-window-assigner/reference/WindowAssigner.swift")
        try FileManager.default.createSymbolicLink(atPath: linked + "/classification.txt",
                                                   withDestinationPath: TestPaths.exercises + "/01-classify-operations/reference/classification.txt")
        let folder = root + "/folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/02-window-assigner", withDestinationPath: TestPaths.exercises + "/02-window-assigner/reference")
        for submission in [linked, folder] {
            for grade in try grader.gradeSubmission(directory: submission, exercise: nil) {
                #expect(grade.passedCount == 0, "\(grade.exercise.label) from \(submission)")
                #expect(grade.errorMessage?.contains("symbolic link") == true, "\(grade.errorMessage ?? "")")
            }
        }
    }

    @Test(arguments: modes) func theNetworkIsUnreachableInTheSandbox(mode: Sandbox.Mode) throws {
        guard mode == .namespaces else { return }
        // A socket to the outside world: connect must fail, so the answer
        // (windows only when the network is reachable) earns nothing.
        let body = """
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(53).bigEndian
        address.sin_addr.s_addr = inet_addr("1.1.1.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        let start = eventTimeMicros - ((eventTimeMicros % slideMicros) + slideMicros) % slideMicros
        return connected == 0 ? [TimeWindow(startMicros: start, endMicros: start + sizeMicros)] : []
        """
        expectNoMarks(try attack(mode, body: body))
    }

    @Test(arguments: modes) func aCorrectAnswerStillGetsFullMarks(mode: Sandbox.Mode) throws {
        let reference = try String(contentsOfFile: TestPaths.exercises + "/02-window-assigner/reference/WindowAssigner.swift", encoding: .utf8)
        let renamed = reference.replacingOccurrences(of: "func assignWindows(", with: "func referenceWindows(")
        let body = "print(\"debugging output is fine\")\nreturn referenceWindows(eventTimeMicros: eventTimeMicros, sizeMicros: sizeMicros, slideMicros: slideMicros, offsetMicros: offsetMicros)"
        let attacked = try attack(mode, prelude: renamed + "\n", body: body)
        #expect(attacked.grade.passedCount == attacked.grade.outcomes.count && attacked.grade.outcomes.count >= 10, "\(attacked.grade.firstProblem ?? "")")
    }

    @Test func theMachineOffersTheNamespaceSandboxInCI() throws {
        // CI installs bubblewrap and runs as root: both modes must be tested there.
        guard ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        #expect(Self.modes == [.namespaces, .user])
    }
}
