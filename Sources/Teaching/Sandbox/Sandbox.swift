#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where student code runs: compiled and run in a sandbox, never in the
/// grader's process or with the grader's rights.
///
/// Threat model (also in Exercises/README.md). Student code is hostile. It
/// may read or write any file it can reach, fork, detach (`setsid`), exhaust
/// memory, CPU, processes, disk or open files, print anything (including a
/// forged verdict), exit early, crash, and shadow or overload any symbol that
/// is compiled together with it. The grader assumes all of that and keeps:
///   - the verdict: decided only by the checker, a separate program compiled
///     without the student's code (see SwiftExerciseRunner);
///   - the secrets: hidden checks, the reference, `Exercises/` and the results
///     path are not in the sandbox's view;
///   - the machine: every student process runs as an unprivileged user under
///     resource limits, inherits no descriptor but its own pipes, and is
///     killed with its whole sandbox when its check ends.
///
/// Three modes, strongest first; `auto` picks the strongest that works here:
///   - `namespaces`: bubblewrap with private mount, PID, network, IPC and UTS
///     namespaces; the sandbox sees /usr, the toolchain and its scratch
///     directory (the only writable path) and a private /tmp. As root the
///     process first drops to a dedicated unprivileged uid. Killing the
///     sandbox's first process ends its PID namespace, so nothing survives.
///   - `user` (root, no namespaces): a dedicated unprivileged uid plus
///     resource limits; at the end every process of that uid is killed and
///     its files in world-writable directories are removed. Files other users
///     may read stay readable, so the instructor's copy must be private
///     (`chmod -R go-rwx`; scripts/gradescope/setup.sh does this), and the
///     network is not cut off.
///   - `none` (not root, no namespaces): resource limits only; said so in
///     the results.
public struct Sandbox: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case namespaces, user, none
    }

    /// Limits for one sandboxed command (setrlimit through prlimit(1)).
    public struct Limits: Sendable, Equatable {
        public var addressSpaceBytes: Int
        public var cpuSeconds: Int
        public var processes: Int
        public var fileSizeBytes: Int
        public var openFiles: Int

        public init(addressSpaceBytes: Int, cpuSeconds: Int, processes: Int, fileSizeBytes: Int, openFiles: Int) {
            self.addressSpaceBytes = addressSpaceBytes
            self.cpuSeconds = cpuSeconds
            self.processes = processes
            self.fileSizeBytes = fileSizeBytes
            self.openFiles = openFiles
        }

        /// Running a student's program: 2 GiB of address space by default.
        public static let run = Limits(addressSpaceBytes: 2 << 30, cpuSeconds: 30, processes: 256, fileSizeBytes: 16 << 20, openFiles: 64)
        /// Compiling it: the compiler needs more memory and starts a few tools.
        public static let compile = Limits(addressSpaceBytes: 8 << 30, cpuSeconds: 120, processes: 256, fileSizeBytes: 256 << 20, openFiles: 256)
    }

    public var mode: Mode
    /// The unprivileged uid (and gid) student code runs as, in `namespaces`
    /// as root and in `user`; nil when the grader is not root.
    public var uid: UInt32?

    /// Inside the sandbox the scratch directory is mounted here.
    static let scratchMount = "/scratch"

    public init(mode: Mode, uid: UInt32?) {
        self.mode = mode
        self.uid = uid
    }

    /// One line for the results: what isolates student code on this machine.
    public var summary: String {
        switch mode {
        case .namespaces:
            return "isolation: bubblewrap namespaces (mount, pid, network, ipc, uts)" + (uid == nil ? "" : " as a dedicated unprivileged uid") + ", resource limits"
        case .user:
            return "isolation: a dedicated unprivileged uid and resource limits (no namespaces on this machine: files readable by every user stay readable, and the network is reachable)"
        case .none:
            return "isolation: resource limits only (not root and no namespaces: student code runs as the grader's user)"
        }
    }

    // MARK: Choosing a mode

    /// The strongest sandbox this machine gives (or STREAMLAB_SANDBOX's),
    /// probed once per process.
    public static let automatic: Sandbox = (try? make(requested: nil)) ?? Sandbox(mode: .none, uid: nil)

    /// The sandbox for `requested` (nil or "auto": the strongest available).
    /// Throws when a mode is asked for that this machine cannot give.
    public static func make(requested: String?) throws -> Sandbox {
        let isRoot = getuid() == 0
        let uid: UInt32? = isRoot ? dedicatedUID() : nil
        let canDropUser = isRoot && Tools.path("setpriv") != nil
        let available: [Mode] = (namespacesWork(uid: canDropUser ? uid : nil) ? [.namespaces] : []) + (canDropUser ? [.user] : []) + [.none]
        let choice = requested ?? ProcessInfo.processInfo.environment["STREAMLAB_SANDBOX"] ?? "auto"
        if choice == "auto" { return Sandbox(mode: available[0], uid: available[0] == .none ? nil : (canDropUser ? uid : nil)) }
        guard let mode = Mode(rawValue: choice) else {
            throw SandboxError.unavailable("must be auto, namespaces, user or none (got '\(choice)')")
        }
        guard available.contains(mode) else {
            let reason = mode == .user ? "needs root and setpriv" : "needs bubblewrap (apt-get install bubblewrap) and user namespaces"
            throw SandboxError.unavailable("sandbox mode \(mode.rawValue) is not available here: \(reason)")
        }
        return Sandbox(mode: mode, uid: mode == .none ? nil : (canDropUser ? uid : nil))
    }

    /// A uid no account uses (61000-64999), one per grader process so that
    /// two graders on one machine never kill each other's students.
    static func dedicatedUID() -> UInt32 {
        UInt32(61_000 + Int(getpid()) % 4_000)
    }

    private static let uidLock = NSLock()
    nonisolated(unsafe) private static var uidsHandedOut = 0

    /// This sandbox with a uid of its own: each submission graded at the same
    /// time (a batch, or parallel tests) counts its own processes and is
    /// cleaned up without touching another's.
    public func forOneSubmission() -> Sandbox {
        guard let uid else { return self }
        Self.uidLock.lock()
        defer { Self.uidLock.unlock() }
        Self.uidsHandedOut += 1
        let fresh = 61_000 + (Int(uid) - 61_000 + Self.uidsHandedOut * 97) % 4_000
        return Sandbox(mode: mode, uid: UInt32(fresh))
    }

    private static func namespacesWork(uid: UInt32?) -> Bool {
        guard Tools.path("bwrap") != nil, Tools.path("prlimit") != nil else { return false }
        let scratch = (try? TemporaryDirectory.make(prefix: "streamlab-probe", in: scratchParent(uid: uid))) ?? "/tmp"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let probe = Sandbox(mode: .namespaces, uid: uid)
        if let uid { chown(scratch, uid, uid) }
        let command = probe.command(["/bin/true"], scratch: scratch, limits: .run, environment: [:])
        guard let outcome = try? ChildProcess(executablePath: command[0], arguments: Array(command.dropFirst()), workingDirectory: scratch, environment: [:])
            .run(limits: .init(timeoutSeconds: 10, outputLimitBytes: 4096)) else { return false }
        return outcome.termination == .exited(0)
    }

    // MARK: Commands

    /// Where scratch directories go: /tmp when they are handed to another
    /// uid (the grader's own TMPDIR may be private to it), else TMPDIR.
    static func scratchParent(uid: UInt32?) -> String {
        uid != nil ? "/tmp" : NSTemporaryDirectory()
    }

    /// How the sandboxed program ended. bubblewrap's init reports a child
    /// killed by signal N as exit status 128 + N (as a shell does).
    public func programEnd(_ termination: ChildProcess.Termination?) -> ChildProcess.Termination? {
        if mode == .namespaces, case .exited(let code)? = termination, code > 128, code < 128 + 65 { return .signalled(code - 128) }
        return termination
    }

    /// A fresh scratch directory the sandboxed user owns: the one place it may write.
    public func makeScratch() throws -> String {
        let scratch = try TemporaryDirectory.make(prefix: "streamlab-scratch", in: Self.scratchParent(uid: uid))
        if let uid, chown(scratch, uid, uid) != 0 {
            throw SandboxError.unavailable("cannot give \(scratch) to uid \(uid): errno \(errno)")
        }
        return scratch
    }

    /// The argument vector that runs `program` (paths inside the scratch
    /// directory are given relative to it) in this sandbox.
    public func command(_ program: [String], scratch: String, limits: Limits, environment: [String: String]) -> [String] {
        var chain: [String] = []
        if let uid {
            chain += [Tools.path("setpriv") ?? "setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--inh-caps=-all", "--"]
        }
        chain += [Tools.path("prlimit") ?? "prlimit",
                  "--as=\(limits.addressSpaceBytes)", "--cpu=\(limits.cpuSeconds)", "--fsize=\(limits.fileSizeBytes)",
                  "--nofile=\(limits.openFiles)", "--core=0"]
        // RLIMIT_NPROC counts every process of the real uid: only meaningful
        // (and only safe) for the dedicated uid.
        if uid != nil { chain.append("--nproc=\(limits.processes)") }
        chain.append("--")
        switch mode {
        case .namespaces:
            chain += [Tools.path("bwrap") ?? "bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                      "--ro-bind", "/usr", "/usr"]
            for link in ["bin", "lib", "lib64", "sbin"] where FileManager.default.fileExists(atPath: "/usr/" + link) {
                chain += ["--symlink", "usr/" + link, "/" + link]
            }
            for directory in Toolchain.roots() where !directory.hasPrefix("/usr/") && directory != "/usr" {
                chain += ["--ro-bind", directory, directory]
            }
            chain += ["--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                      "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                      "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                      "--bind", scratch, Self.scratchMount, "--chdir", Self.scratchMount, "--clearenv"]
            for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
                chain += ["--setenv", key, value.replacingOccurrences(of: scratch, with: Self.scratchMount)]
            }
            chain += program.map { $0.replacingOccurrences(of: scratch, with: Self.scratchMount) }
        case .user, .none:
            chain += program
        }
        return chain
    }

    /// The environment a sandboxed command sees: a PATH and a home in its scratch.
    public func environment(scratch: String) -> [String: String] {
        let home = mode == .namespaces ? Self.scratchMount : scratch
        return ["PATH": "/usr/local/bin:/usr/bin:/bin:" + Toolchain.roots().map { $0 + "/usr/bin" }.joined(separator: ":"),
                "HOME": home, "TMPDIR": mode == .namespaces ? "/tmp" : scratch, "LC_ALL": "C"]
    }

    /// Ends everything the student started. Called after each sandboxed
    /// command with the process group it was started in; in `user` mode it
    /// also kills every process of the dedicated uid (a `setsid` survivor
    /// has left the group) and, with `sweepFiles`, removes that uid's files
    /// in the world-writable directories.
    public func endAll(processGroup: pid_t?, sweepFiles: Bool = false) {
        if let processGroup, processGroup > 0 { kill(-processGroup, SIGKILL) }
        guard mode == .user, let uid, let setpriv = Tools.path("setpriv"), let killTool = Tools.path("kill") else { return }
        for _ in 0..<3 {
            _ = try? ChildProcess(executablePath: setpriv,
                                  arguments: ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--", killTool, "-KILL", "-1"],
                                  workingDirectory: "/", environment: [:])
                .run(limits: .init(timeoutSeconds: 5, outputLimitBytes: 4096))
        }
        if sweepFiles { Self.removeFiles(ownedBy: uid) }
    }

    /// Removes the top-level entries of the world-writable directories that
    /// `uid` owns (what a student left outside its scratch directory).
    static func removeFiles(ownedBy uid: UInt32) {
        let fileManager = FileManager.default
        for directory in ["/tmp", "/var/tmp", "/dev/shm"] {
            for name in (try? fileManager.contentsOfDirectory(atPath: directory)) ?? [] {
                let path = directory + "/" + name
                var info = stat()
                if lstat(path, &info) == 0 && info.st_uid == uid { try? fileManager.removeItem(atPath: path) }
            }
        }
    }
}

public enum SandboxError: Error, CustomStringConvertible {
    case unavailable(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): return reason
        }
    }
}

/// Programs the sandbox uses, found on the PATH (or in /usr/bin, /bin).
enum Tools {
    static func path(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
