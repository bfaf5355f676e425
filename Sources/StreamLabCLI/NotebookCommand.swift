import ArgumentParser
import Foundation
import SimKernel
import Teaching

/// `streamlab notebook check`: keeps the lessons from drifting away from the code.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Check the console cells of lesson notebooks.",
        subcommands: [NotebookCheckCommand.self]
    )
}

struct NotebookCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every console cell of each notebook in order and compare its output.",
        discussion: """
        A line `...` in the expected output matches any lines; `[..]` matches any text within a line. \
        Each notebook runs in a fresh temporary directory with `streamlab` on PATH and NOTEBOOK_DIR set \
        to the notebook's directory. Exit code 1 when a cell differs.
        """
    )

    @Argument(help: "Notebook files or directories of *.md files.")
    var paths: [String] = ["Notebooks-md"]

    @Flag(help: "Rewrite the expected output of differing cells in place.")
    var bless = false

    @Option(help: "Time limit for one command of a cell, in seconds.")
    var cellTimeoutSeconds: Double = 120

    @Option(help: "Output limit for one command of a cell, in bytes.")
    var cellOutputLimitBytes: Int = 256 * 1024

    func run() throws {
        let reports = try reportingInputErrors { () throws -> [NotebookChecker.Report] in
            let checker = NotebookChecker(options: .init(
                binaryDirectory: RunningBinary.directory,
                limits: .init(timeoutSeconds: cellTimeoutSeconds, outputLimitBytes: cellOutputLimitBytes),
                bless: bless
            ))
            return try NotebookChecker.notebookPaths(paths).map { try checker.check(path: $0) }
        }
        print(NotebookReportText.render(reports), terminator: "")
        if reports.contains(where: { !$0.failures.isEmpty && !$0.blessed }) { throw ExitCode(1) }
    }
}

/// Where the running `streamlab` lives, so child processes can call it by name.
enum RunningBinary {
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    static var directory: String { URL(fileURLWithPath: path).deletingLastPathComponent().path }
}

/// An `InputError` becomes one line on standard error and exit code 2
/// (DESIGN.md, "Style": user errors name the file, the field and the reason).
func reportingInputErrors<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(InputError.exitCode)
    } catch let error as ChildProcessError {
        FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
        throw ExitCode(1)
    }
}
