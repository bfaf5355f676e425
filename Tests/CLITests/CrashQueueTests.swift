import Foundation
import Testing

/// `streamlab crash --source queue`: the same crashes as the log, told as
/// redeliveries, and the queue left empty where the log keeps everything.
@Suite struct CrashQueueTests {
    @Test func queueSourceRedeliversWhatTheLogReplaysAndKeepsNothingToReprocess() throws {
        let fromLog = try StreamlabProcess.run(CompareTests.crashArguments)
        let fromQueue = try StreamlabProcess.run(CompareTests.crashArguments + ["--source", "queue"])
        #expect(fromQueue.exitCode == 0)
        #expect(fromQueue.standardError == "")
        // Every line but the source's own is the log run's, with a redelivery where the log replays.
        let expected = fromLog.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line == "  source: log" { return "  source: queue" }
            if line.hasPrefix("source log:") {
                return "source queue: 43 message(s) redelivered after crashes (flagged redelivered), 439 acked and deleted; "
                    + "a reprocessing from the beginning would find 0 of 439 (a log keeps them all)."
            }
            return line.replacingOccurrences(of: "replaying offsets", with: "the queue redelivering messages")
        }
        #expect(fromQueue.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected)
        #expect(fromQueue.standardOutput.contains("the queue redelivering messages 34..<71"))
    }
}
