import Foundation
import Testing

/// `streamlab crash --source queue`: the same crashes as the log, told as
/// redeliveries, and the queue left empty where the log keeps everything.
@Suite struct CrashQueueTests {
    @Test func queueSourceRedeliversUnackedMessagesAndKeepsNothingToReprocess() throws {
        let result = try StreamlabProcess.run([
            "crash", "theworldshop-viral-night", "--duration", "2m", "--engine", "flink", "--guarantee", "at-least-once",
            "--crashes", "at:30s,after-sink-write:40", "--source", "queue",
        ])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
streamlab crash theworldshop-viral-night
  seed: 42
  crashes: at:30s,after-sink-write:40
  recovery: uniform:5s..15s
  batch schedule: 24h
  window: 1m tumbling, watermark delay 2s
  duration: 2m
  engine: flink
  guarantee: at-least-once
  sink: append
  source: queue
439 events; 2 crash(es)
crash 1 at +21.730s (after-sink-write:40): 0 record(s) in flight dropped; restarted at +28.201s from checkpoint 2, the queue redelivering messages 34..<40; caught up after 6.471s
crash 2 at +30.000s (at): 0 record(s) in flight dropped; restarted at +36.602s from checkpoint 2, the queue redelivering messages 34..<71; caught up after 6.602s
lost 0, duplicated 43, wrong values 0; windows correct 164, wrong 0, missing 0, duplicated 0
why duplicated: the append sink had already made visible the outputs written after the last complete checkpoint; recovery replayed those records and wrote them again.
source queue: 43 message(s) redelivered after crashes (flagged redelivered), 439 acked and deleted; a reprocessing from the beginning would find 0 of 439 (a log keeps them all).

"""#)
    }
}
