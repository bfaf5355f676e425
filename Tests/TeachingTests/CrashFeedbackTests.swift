@testable import Teaching
import Testing

/// A crash shows its cause: the runtime's `Fatal error` line and the first
/// frame in the student's file, not the last lines of the backtrace.
@Suite struct CrashFeedbackTests {
    @Test func theFatalErrorLineAndTheStudentsFileAndLineAreShown() {
        let output = """
        /tmp/streamlab-grade-Ab12/WindowAssigner.swift:6: Fatal error: boom

        💣 Program crashed: System trap at 0x000055d6
        Thread 0 crashed:
        0 0x000055d6 assignWindows(eventTimeMicros:) + 120 in checks at /tmp/streamlab-grade-Ab12/WindowAssigner.swift:6:23
        1 0x000055d7 closure #3 in variable initialization expression of visibleChecks + 88 in checks at /tmp/streamlab-grade-Ab12/checks-visible.swift:9:9
        2 0x000055d8 main + 12 in checks
        """
        #expect(SwiftExerciseRunner.crashCause(output, studentFile: "WindowAssigner.swift")
            == "\nWindowAssigner.swift:6: Fatal error: boom\nat WindowAssigner.swift:6:23")
    }

    @Test func withoutEitherTheLastLinesAreShown() {
        #expect(SwiftExerciseRunner.crashCause("a\nb\nc\nd", studentFile: "X.swift") == "\nlast output:\nb\nc\nd")
    }
}
