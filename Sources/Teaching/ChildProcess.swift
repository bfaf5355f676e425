#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs untrusted or long-running commands (student code, notebook cells) in a
/// child process that can always be stopped.
///
/// Why not `Foundation.Process`: it cannot put the child in its own process
/// group, so a shell that forks a runaway grandchild would survive a timeout.
/// Here the child is spawned with `POSIX_SPAWN_SETPGROUP`, and on timeout or
/// when the output exceeds its cap the whole group gets `SIGKILL`. Standard
/// output and standard error share one pipe, so the captured text interleaves
/// the two the way a terminal shows them. The wall clock used for the time
/// limit belongs to the grader, never to a simulation.
public struct ChildProcess: Sendable {
    public struct Limits: Sendable {
        public var timeoutSeconds: Double
        public var outputLimitBytes: Int

        public init(timeoutSeconds: Double, outputLimitBytes: Int) {
            self.timeoutSeconds = timeoutSeconds
            self.outputLimitBytes = outputLimitBytes
        }
    }

    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case outputLimitExceeded
    }

    public struct Outcome: Sendable {
        /// Standard output and standard error, interleaved, cut at the limit.
        public var output: String
        public var termination: Termination
        public var elapsedSeconds: Double
    }

    public var executablePath: String
    public var arguments: [String]
    public var workingDirectory: String
    public var environment: [String: String]

    public init(executablePath: String, arguments: [String], workingDirectory: String, environment: [String: String]) {
        self.executablePath = executablePath
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// A command line for `/bin/sh -c`, as a notebook cell runs it.
    public static func shell(_ command: String, workingDirectory: String, environment: [String: String]) -> ChildProcess {
        ChildProcess(executablePath: "/bin/sh", arguments: ["-c", command], workingDirectory: workingDirectory, environment: environment)
    }

    public func run(limits: Limits) throws -> Outcome {
        let (readEnd, writeEnd) = try ProcessLauncher.pipe()
        let started = MonotonicClock.nowSeconds()
        let pid: pid_t
        do {
            pid = try spawn(outputFileDescriptor: writeEnd, closing: readEnd)
        } catch {
            close(readEnd); close(writeEnd)
            throw error
        }
        close(writeEnd)
        defer { close(readEnd) }
        let (data, stopReason) = collect(from: readEnd, pid: pid, started: started, limits: limits)
        if stopReason != nil { kill(-pid, SIGKILL) }
        let status = ProcessLauncher.wait(pid)!
        // Grandchildren left in the group (a backgrounded `&`) must not outlive the cell.
        kill(-pid, SIGKILL)
        let termination = stopReason ?? status
        return Outcome(
            output: String(decoding: data.prefix(limits.outputLimitBytes), as: UTF8.self),
            termination: termination,
            elapsedSeconds: MonotonicClock.nowSeconds() - started
        )
    }

    private func spawn(outputFileDescriptor: Int32, closing readEnd: Int32) throws -> pid_t {
        try ProcessLauncher.spawn([executablePath] + arguments, workingDirectory: workingDirectory, environment: environment,
                                  descriptors: [1: outputFileDescriptor, 2: outputFileDescriptor])
    }

    /// Reads until end of file, the deadline, or the output cap, whichever comes first.
    private func collect(from fileDescriptor: Int32, pid: pid_t, started: Double, limits: Limits) -> (Data, Termination?) {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let remaining = limits.timeoutSeconds - (MonotonicClock.nowSeconds() - started)
            if remaining <= 0 { return (data, .timedOut) }
            var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = read(fileDescriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return (data, nil) }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limits.outputLimitBytes { return (data, .outputLimitExceeded) }
        }
    }
}

public enum ChildProcessError: Error, CustomStringConvertible {
    case spawnFailed(String)

    public var description: String {
        switch self {
        case .spawnFailed(let reason): return "could not start a child process: \(reason)"
        }
    }
}

/// The grader's own stopwatch (CLOCK_MONOTONIC). Never used by the simulation.
enum MonotonicClock {
    static func nowSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// Starts programs with exactly the descriptors they are given.
///
/// Every descriptor of the grader is marked close-on-exec first (including
/// those it inherited from its own parent), so a child gets standard input
/// from /dev/null, the descriptors in `descriptors` and nothing else: no
/// student process can hold a grader pipe open or write to a grader file.
/// The child leads a new process group, so the whole group can be killed.
enum ProcessLauncher {
    /// Held while a pipe is made and marked close-on-exec, and while a child
    /// is spawned, so that no spawn on another thread can inherit a pipe in
    /// the instant before it is marked (Glibc's overlay has no pipe2).
    private static let lock = NSLock()

    /// A pipe whose two ends are close-on-exec: (read, write).
    static func pipe() throws -> (Int32, Int32) {
        lock.lock()
        defer { lock.unlock() }
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { throw ChildProcessError.spawnFailed("pipe: errno \(errno)") }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// Marks every open descriptor from 3 up close-on-exec.
    static func closeOnExecAll() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in names {
            guard let descriptor = Int32(name), descriptor > 2 else { continue }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
    }

    /// `descriptors` maps a child descriptor number to a parent descriptor.
    static func spawn(_ argv: [String], workingDirectory: String, environment: [String: String], descriptors: [Int32: Int32]) throws -> pid_t {
        lock.lock()
        defer { lock.unlock() }
        closeOnExecAll()
        // Sources are first copied above every target, so that no dup2 has
        // equal ends (which would leave close-on-exec set).
        var copies: [Int32: Int32] = [:]
        defer { copies.values.forEach { close($0) } }
        for (target, source) in descriptors {
            let copy = fcntl(source, F_DUPFD_CLOEXEC, 64)
            guard copy >= 0 else { throw ChildProcessError.spawnFailed("dup: errno \(errno)") }
            copies[target] = copy
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if copies[0] == nil { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        for target in copies.keys.sorted() { posix_spawn_file_actions_adddup2(&actions, copies[target]!, target) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        // Glibc's Swift overlay lacks posix_spawn_file_actions_addchdir_np, so a
        // tiny shell trampoline changes directory and then execs the real program.
        let trampoline = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory] + argv
        let cArguments = trampoline.map { strdup($0) } + [nil]
        let cEnvironment = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else {
            throw ChildProcessError.spawnFailed("\(argv.first ?? "?"): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits for `pid`; with `blocking` false, nil while it still runs.
    static func wait(_ pid: pid_t, blocking: Bool = true) -> ChildProcess.Termination? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == 0 { return nil }
            if result < 0 {
                if errno == EINTR { continue }
                return .exited(-1)
            }
            break
        }
        let low = status & 0x7f
        if low == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(low)
    }
}
