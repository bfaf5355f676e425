import Foundation
import Testing

@Suite struct NotebookCommandTests {
    /// The lessons can never drift from the code: every cell of every lesson runs here.
    @Test func everyLessonNotebookPasses() throws {
        let result = try StreamlabProcess.run(["notebook", "check", "Notebooks-md"], in: ExerciseFixtures.repositoryRoot)
        #expect(result.exitCode == 0, "\(result.standardOutput)")
        // The cell count is left open: lessons gain cells as features land, and what
        // this pins is that all 13 lessons ran and none differs.
        let summary = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("17 notebooks, ") && summary.hasSuffix(" cells: 0 notebooks differ"), "\(summary)")
    }

    @Test func driftedNotebookFailsWithItsDiffAndBlessFixesIt() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        try "# t\n\n```console\n$ streamlab exercises lab --trigger-interval-seconds 5 --watermark-delay-seconds 20 | tail -1\nwatermark delay 20 s: events [..], dropped late 500, completeness 99.17%, latency after window end p50 25.0 s, p95 25.0 s\n```\n"
            .write(to: directory.appendingPathComponent("lesson.md"), atomically: true, encoding: .utf8)
        let drifted = try StreamlabProcess.run(["notebook", "check", "lesson.md"], in: directory)
        #expect(drifted.exitCode == 1)
        #expect(drifted.standardOutput == """
        FAILED  lesson.md (1 cells, 1 differing commands)
        cell 1 (line 3): $ streamlab exercises lab --trigger-interval-seconds 5 --watermark-delay-seconds 20 | tail -1
        --- expected
        +++ actual
        @@ -1 +1 @@
        -watermark delay 20 s: events [..], dropped late 500, completeness 99.17%, latency after window end p50 25.0 s, p95 25.0 s
        +watermark delay 20 s: events 60105, dropped late 384, completeness 99.36%, latency after window end p50 30.0 s, p95 30.0 s
        1 notebooks, 1 cells: 1 notebooks differ

        """)
        let blessed = try StreamlabProcess.run(["notebook", "check", "--bless", "lesson.md"], in: directory)
        #expect(blessed.exitCode == 0)
        #expect(try StreamlabProcess.run(["notebook", "check", "lesson.md"], in: directory).exitCode == 0)
    }

    @Test func missingNotebookIsAnInputError() throws {
        let result = try StreamlabProcess.run(["notebook", "check", "no-such.md"], in: try StreamlabProcess.temporaryDirectory())
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: no-such.md: PATH: no such file or directory\n")
    }
}
