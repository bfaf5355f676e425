import Foundation
import Testing
@testable import Teaching

@Suite struct NotebookCheckerTests {
    static let drifted = """
    # Lesson

    Prose stays untouched.

    ```console
    $ printf 'a\\nb\\n' > data.txt
    $ wc -l < data.txt
    2
    ```

    ```console
    $ cat data.txt
    a
    c
    $ echo took 17 ms
    took [..] ms
    ```

    ```swift
    $ not a cell
    ```
    """

    func writeNotebook(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("lesson.md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var checker: NotebookChecker { NotebookChecker(options: .init(binaryDirectory: "/nonexistent")) }

    @Test func parserFindsConsoleCellsAndTheirCommands() throws {
        let notebook = try Notebook(path: "x.md", text: Self.drifted + "\n")
        #expect(notebook.cells.count == 2)
        #expect(notebook.cells[0].commands.map(\.text) == ["printf 'a\\nb\\n' > data.txt", "wc -l < data.txt"])
        #expect(notebook.cells[1].commands[0].expectedLines == ["a", "c"])
        #expect(notebook.cells[1].fenceLine == 11)
    }

    @Test func unclosedFenceIsAnInputErrorNamingTheLine() {
        #expect(throws: Error.self) { try Notebook(path: "x.md", text: "```console\n$ ls\n") }
    }

    @Test func driftedNotebookFailsWithTheExactDiff() throws {
        let path = try writeNotebook(Self.drifted + "\n")
        let report = try checker.check(path: path)
        #expect(report.cellCount == 2)
        #expect(report.failures.count == 1)
        let text = NotebookReportText.render([report])
        #expect(text == """
        FAILED  \(path) (2 cells, 1 differing commands)
        cell 2 (line 11): $ cat data.txt
        --- expected
        +++ actual
        @@ -1 +1 @@
         a
        -c
        +b
        1 notebooks, 2 cells: 1 notebooks differ

        """)
    }

    @Test func cellsShareOneDirectoryAndAFailingCommandShowsItsExitCode() throws {
        let path = try writeNotebook("```console\n$ echo hi > f\n$ cat f\nhi\n$ exit 3\n[exit 3]\n```\n")
        let report = try checker.check(path: path)
        #expect(report.failures.isEmpty)
    }

    @Test func runawayCellIsStoppedAtItsTimeLimit() throws {
        let path = try writeNotebook("```console\n$ sleep 30 & sleep 30\n```\n")
        let quick = NotebookChecker(options: .init(binaryDirectory: "/nonexistent", limits: .init(timeoutSeconds: 1, outputLimitBytes: 1000)))
        let report = try quick.check(path: path)
        #expect(report.failures.first?.diff.last == "+[timed out after 1 s]")
    }

    @Test func blessRewritesOnlyTheDifferingCellAndThenPasses() throws {
        let path = try writeNotebook(Self.drifted + "\n")
        let blessing = NotebookChecker(options: .init(binaryDirectory: "/nonexistent", bless: true))
        _ = try blessing.check(path: path)
        let rewritten = try String(contentsOfFile: path, encoding: .utf8)
        #expect(rewritten == Self.drifted.replacingOccurrences(of: "a\nc\n", with: "a\nb\n") + "\n")
        #expect(try checker.check(path: path).failures.isEmpty)
    }
}
