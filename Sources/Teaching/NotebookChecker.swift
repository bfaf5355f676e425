import Foundation
import SimKernel

/// Runs every console cell of a notebook and compares the output with the
/// text the notebook promises.
///
/// Each notebook gets one fresh temporary directory shared by its cells in
/// order, so a later cell can read a file an earlier cell wrote, and nothing a
/// notebook does can leak into the next. `streamlab` resolves to the running
/// binary because its directory is put first on `PATH`. `NOTEBOOK_DIR` names
/// the notebook's own directory (absolute), so a cell can compare a chart it
/// generates with the SVG committed next to the lesson.
public struct NotebookChecker: Sendable {
    public struct Options: Sendable {
        public var binaryDirectory: String
        public var limits: ChildProcess.Limits
        public var bless: Bool

        public init(binaryDirectory: String, limits: ChildProcess.Limits = .init(timeoutSeconds: 60, outputLimitBytes: 256 * 1024), bless: Bool = false) {
            self.binaryDirectory = binaryDirectory
            self.limits = limits
            self.bless = bless
        }
    }

    public struct CellFailure: Sendable {
        public var cellNumber: Int
        public var fenceLine: Int
        public var command: String
        public var diff: [String]
    }

    public struct Report: Sendable {
        public var path: String
        public var cellCount: Int
        public var failures: [CellFailure]
        public var blessed: Bool
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// Expands directories to their `*.md` files, sorted by name.
    public static func notebookPaths(_ paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(file: path, field: "PATH", reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".md") }.sorted()
                result += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                result.append(path)
            }
        }
        return result
    }

    public func check(path: String) throws -> Report {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, field: "PATH", reason: "cannot read the notebook")
        }
        let notebook = try Notebook(path: path, text: text)
        let workDirectory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: workDirectory) }
        let environment = cellEnvironment(notebookPath: path, workDirectory: workDirectory)
        var failures: [CellFailure] = []
        var blessedOutputs: [Int: [[String]?]] = [:]
        for (cellIndex, cell) in notebook.cells.enumerated() {
            var outputs: [[String]?] = []
            var cellDiffers = false
            for command in cell.commands {
                let actual = try runCommand(command.text, in: workDirectory, environment: environment)
                let alignment = LineAlignment(expected: command.expectedLines, actual: actual)
                outputs.append(alignment.editCount > 0 ? actual : nil)
                guard alignment.editCount > 0 else { continue }
                cellDiffers = true
                failures.append(CellFailure(cellNumber: cellIndex + 1, fenceLine: cell.fenceLine, command: command.text, diff: alignment.unifiedDiff()))
            }
            if cellDiffers { blessedOutputs[cellIndex] = outputs }
        }
        if options.bless && !blessedOutputs.isEmpty {
            try AtomicFile.write(notebook.rewritten(replacing: blessedOutputs), to: path)
        }
        return Report(path: path, cellCount: notebook.cells.count, failures: failures, blessed: options.bless && !failures.isEmpty)
    }

    private func runCommand(_ command: String, in directory: String, environment: [String: String]) throws -> [String] {
        let outcome = try ChildProcess.shell(command, workingDirectory: directory, environment: environment).run(limits: options.limits)
        var lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        switch outcome.termination {
        case .exited(0): break
        case .exited(let code): lines.append("[exit \(code)]")
        case .signalled(let signal): lines.append("[killed by signal \(signal)]")
        case .timedOut: lines.append("[timed out after \(Int(options.limits.timeoutSeconds)) s]")
        case .outputLimitExceeded: lines.append("[output cut at \(options.limits.outputLimitBytes) bytes]")
        }
        return lines
    }

    private func cellEnvironment(notebookPath: String, workDirectory: String) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        let notebookDirectory = URL(fileURLWithPath: notebookPath).deletingLastPathComponent().standardizedFileURL.path
        var environment: [String: String] = [
            "PATH": options.binaryDirectory + ":" + (inherited["PATH"] ?? "/usr/bin:/bin"),
            "HOME": inherited["HOME"] ?? workDirectory,
            "LC_ALL": "C",
            "COLUMNS": "100",
            "STREAMLAB_NO_PROGRESS": "1",
            "NOTEBOOK_DIR": notebookDirectory,
            "TMPDIR": workDirectory,
        ]
        if options.bless { environment["STREAMLAB_BLESS"] = "1" }
        return environment
    }

    private func makeTemporaryDirectory() throws -> String {
        try TemporaryDirectory.make(prefix: "streamlab-notebook")
    }
}

/// Writes a file by writing a sibling temporary file and renaming it over the
/// target, so a reader never sees half a file (the DESIGN.md output rule).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw InputError(file: path, field: "output", reason: "cannot rename the temporary file into place")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, field: "output", reason: "cannot write the file")
        }
    }
}
