#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One check: a fresh student program in a fresh sandbox, and the checker
/// for check N, joined by two pipes. The grader reads only the checker's
/// verdict pipe for the result, and the student's output (capped) for the
/// feedback. The check ends when the checker ends or at the deadline; then
/// the sandbox and everything in it is killed, whether or not its processes
/// still hold a pipe open.
struct CheckRun {
    enum Verdict: Equatable {
        case pass
        case fail(String)
        /// The checker got no usable answer from the student's program.
        case noResult(String)
        /// The checker ended without a verdict (a grader bug).
        case none(String)
    }

    enum CheckerEnd: Equatable {
        case finished(Verdict)
        case timedOut
    }

    struct Outcome {
        var checker: CheckerEnd
        /// How the student's program ended, when it ended on its own before
        /// the grader killed it.
        var student: ChildProcess.Termination?
        var studentOutput: String
        var studentOutputExceeded: Bool
    }

    var checker: String
    var index: Int
    var scratch: String
    var deadlineSeconds: Double
    var runner: SwiftExerciseRunner

    func run() throws -> Outcome {
        let sandbox = runner.sandbox
        let (requestRead, requestWrite) = try ProcessLauncher.pipe()
        let (answerRead, answerWrite) = try ProcessLauncher.pipe()
        let (studentOutRead, studentOutWrite) = try ProcessLauncher.pipe()
        let (verdictRead, verdictWrite) = try ProcessLauncher.pipe()
        var parentEnds = [requestRead, requestWrite, answerRead, answerWrite, studentOutWrite, verdictWrite]
        defer {
            parentEnds.forEach { close($0) }
            close(studentOutRead); close(verdictRead)
        }
        let started = MonotonicClock.nowSeconds()
        let environment = sandbox.environment(scratch: scratch)
        let studentCommand = sandbox.command([scratch + "/student"], scratch: scratch, limits: runner.limits.run, environment: environment)
        let student = try ProcessLauncher.spawn(studentCommand, workingDirectory: scratch, environment: environment,
                                                descriptors: [1: studentOutWrite, 2: studentOutWrite, 3: requestRead, 4: answerWrite])
        let checkerProcess: pid_t
        do {
            checkerProcess = try ProcessLauncher.spawn([checker, "--run", String(index)], workingDirectory: "/",
                                                       environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"],
                                                       descriptors: [1: verdictWrite, 2: verdictWrite, 3: answerRead, 4: requestWrite])
        } catch {
            kill(-student, SIGKILL)
            sandbox.endAll(processGroup: student)
            _ = ProcessLauncher.wait(student)
            throw error
        }
        parentEnds.forEach { close($0) }
        parentEnds = []

        var verdictBytes: [UInt8] = []
        var studentBytes: [UInt8] = []
        var studentExceeded = false
        var timedOut = false
        var verdictOpen = true, studentOpen = true
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Bounded: each pass either reads, sees an end of file, or waits at
        // most 100 ms of a deadline that only comes closer.
        while verdictOpen {
            let remaining = deadlineSeconds - (MonotonicClock.nowSeconds() - started)
            if remaining <= 0 { timedOut = true; break }
            var descriptors = [pollfd(fd: verdictRead, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: studentOpen ? studentOutRead : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, Int32(min(remaining * 1000, 100).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            if descriptors[0].revents != 0 {
                let count = read(verdictRead, &buffer, buffer.count)
                if count <= 0 { verdictOpen = false } else if verdictBytes.count < 1 << 20 { verdictBytes += buffer[0..<count] }
            }
            if studentOpen && descriptors[1].revents != 0 {
                let count = read(studentOutRead, &buffer, buffer.count)
                if count <= 0 { studentOpen = false } else {
                    studentBytes += buffer[0..<count]
                    if studentBytes.count > runner.limits.outputLimitBytes { studentExceeded = true; break }
                }
            }
        }
        // The checker has ended (or is ended now). The student's program
        // gets a moment to finish dying on its own, so that a crash is told
        // apart from the grader's kill.
        if timedOut || studentExceeded { kill(-checkerProcess, SIGKILL) }
        let checkerEnd = ProcessLauncher.wait(checkerProcess)!
        kill(-checkerProcess, SIGKILL)
        var studentEnd: ChildProcess.Termination? = nil
        for _ in 0..<20 {
            if let end = ProcessLauncher.wait(student, blocking: false) { studentEnd = end; break }
            if timedOut || studentExceeded { break }
            usleep(10_000)
        }
        if studentEnd == nil {
            kill(-student, SIGKILL)
            kill(student, SIGKILL)
            _ = ProcessLauncher.wait(student)
        }
        sandbox.endAll(processGroup: student)
        // What the student's program printed before it ended, without
        // waiting for writers that may still hold the pipe.
        var drain = pollfd(fd: studentOutRead, events: Int16(POLLIN), revents: 0)
        while studentOpen && !studentExceeded && poll(&drain, 1, 0) > 0 {
            let count = read(studentOutRead, &buffer, buffer.count)
            if count <= 0 { break }
            studentBytes += buffer[0..<count]
            if studentBytes.count > runner.limits.outputLimitBytes { studentExceeded = true }
        }
        let verdict = timedOut ? CheckerEnd.timedOut : .finished(Self.verdict(String(decoding: verdictBytes, as: UTF8.self), checkerEnd: checkerEnd))
        return Outcome(checker: verdict, student: sandbox.programEnd(studentEnd),
                       studentOutput: String(decoding: studentBytes.prefix(runner.limits.outputLimitBytes), as: UTF8.self),
                       studentOutputExceeded: studentExceeded)
    }

    static let marker = "@@streamlab-check "

    /// The checker's last marker line; the checker is trusted, and nothing
    /// the student's program prints can reach this pipe.
    static func verdict(_ output: String, checkerEnd: ChildProcess.Termination) -> Verdict {
        guard checkerEnd == .exited(0),
              let line = output.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else {
            return .none("\(checkerEnd)")
        }
        let body = line.dropFirst(marker.count)
        let parts = body.split(separator: "\t", maxSplits: 1).map(String.init)
        let detail = (parts.count > 1 ? parts[1] : "").replacingOccurrences(of: "\\n", with: "\n")
        switch parts.first {
        case "PASS": return .pass
        case "FAIL": return .fail(detail.isEmpty ? "failed" : detail)
        case "NORESULT": return .noResult(detail)
        default: return .none("unknown verdict")
        }
    }
}

/// The trusted checker binaries, one per exercise and set of sources, built
/// outside the sandbox into a directory only the grader's user can read, and
/// reused across submissions (a batch compiles each exercise's checks once).
enum CheckerBuilds {
    private static let lock = NSLock()

    static func checkerSources(_ exercise: ExerciseDefinition, kitDirectory: String) throws -> [String] {
        var sources = try swiftFiles(kitDirectory + "/shared") + swiftFiles(kitDirectory + "/checker")
        sources += try swiftFiles(exercise.directory + "/api").filter { !$0.hasSuffix("/student.swift") }
        sources += try swiftFiles(exercise.directory + "/tests")
        return sources
    }

    static func studentSources(_ exercise: ExerciseDefinition, kitDirectory: String) throws -> [String] {
        try swiftFiles(kitDirectory + "/shared") + swiftFiles(kitDirectory + "/student")
            + swiftFiles(exercise.directory + "/api").filter { !$0.hasSuffix("/proxy.swift") }
    }

    static func swiftFiles(_ directory: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".swift") }.sorted().map { directory + "/" + $0 }
    }

    /// Copies `sources` into `directory` under unique names (folder-file.swift); returns the names.
    static func copySources(_ sources: [String], into directory: String) throws -> [String] {
        var names: [String] = []
        for source in sources {
            let url = URL(fileURLWithPath: source)
            let name = url.deletingLastPathComponent().lastPathComponent + "-" + url.lastPathComponent
            try FileManager.default.copyItem(atPath: source, toPath: directory + "/" + name)
            names.append(name)
        }
        return names
    }

    /// The checker for `exercise`, compiled if this set of sources has not been.
    static func checker(for exercise: ExerciseDefinition, kitDirectory: String, limits: ChildProcess.Limits) throws -> String {
        let sources = try checkerSources(exercise, kitDirectory: kitDirectory)
        let hasHidden = sources.contains { $0.hasSuffix("/tests/hidden.swift") }
        let main = "CheckRunner.main(visible: visibleChecks, hidden: \(hasHidden ? "hiddenChecks" : "[]"))\n"
        let swiftc = try Toolchain.swiftc()
        var hash = FNV1a()
        hash.add(swiftc)
        hash.add(main)
        for source in sources {
            hash.add(source)
            hash.add(try String(contentsOfFile: source, encoding: .utf8))
        }
        let root = try cacheRoot()
        let final = root + "/" + hash.hex
        if FileManager.default.isExecutableFile(atPath: final + "/checks") { return final + "/checks" }
        let building = try TemporaryDirectory.make(prefix: "build", in: root)
        defer { try? FileManager.default.removeItem(atPath: building) }
        var names = try copySources(sources, into: building)
        try main.write(toFile: building + "/main.swift", atomically: false, encoding: .utf8)
        names.append("main.swift")
        let arguments = ["-Onone", "-suppress-warnings", "-module-name", "Checks", "-o", "checks"] + names
        let outcome = try ChildProcess(executablePath: swiftc, arguments: arguments, workingDirectory: building,
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                     "HOME": building, "TMPDIR": building, "LC_ALL": "C"])
            .run(limits: limits)
        guard outcome.termination == .exited(0) else {
            throw GraderFault.checkerDidNotCompile(exercise.label, outcome.output.replacingOccurrences(of: building + "/", with: ""))
        }
        lock.lock()
        defer { lock.unlock() }
        if rename(building, final) != 0 && !FileManager.default.isExecutableFile(atPath: final + "/checks") {
            throw GraderFault.checkerDidNotCompile(exercise.label, "could not store the build in \(final): errno \(errno)")
        }
        return final + "/checks"
    }

    /// `$TMPDIR/streamlab-checkers-<uid>`, mode 0700, owned by the grader.
    static func cacheRoot() throws -> String {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("streamlab-checkers-\(getuid())")
        mkdir(root, 0o700)
        var info = stat()
        guard lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else {
            throw GraderFault.checkerDidNotCompile("cache", "\(root) is not a directory the grader owns")
        }
        chmod(root, 0o700)
        return root
    }
}

/// A fault of the grader (not of the student): reported as an `error` for
/// the exercise, never as a student's failure.
public enum GraderFault: Error, CustomStringConvertible {
    case checkerDidNotCompile(String, String)

    public var description: String {
        switch self {
        case .checkerDidNotCompile(let exercise, let output):
            return "grader error: the checks of \(exercise) did not compile:\n" + output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

/// FNV-1a, 64 bits: a cache key for trusted sources (not a security hash;
/// the sources it names are the instructor's, never the student's).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        value ^= 0xff
        value = value &* 0x0000_0100_0000_01b3
    }

    var hex: String { String(value, radix: 16) }
}
