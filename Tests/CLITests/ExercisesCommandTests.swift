import Foundation
import Testing

@Suite struct ExercisesCommandTests {
    @Test func listShowsEveryExerciseWithProgress() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        let result = try StreamlabProcess.run(["exercises", "--exercises-dir", "ex"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
        StreamLab exercises: 0/15 done
          [ ] 01 classify-operations       lesson 01  Batch, micro-batch or streaming? TheWorldShop's operations
          [ ] 02 window-assigner           lesson 04  Write a window assigner
          [ ] 03 watermark-strategy        lesson 03  Write a bounded-out-of-orderness watermark
          [ ] 04 session-timeout           lesson 05  A session-timeout process function with timers
          [ ] 05 inventory-alert           lesson 05  An inventory alert within 2 minutes of simulated time
          [ ] 06 fraud-rule                lesson 05  A fraud rule with keyed state
          [ ] 07 idempotent-sink           lesson 07  An idempotent sink keyed by batch id
          [ ] 08 dedup-on-replay           lesson 07  De-duplication on replay with bounded state
          [ ] 09 exactly-once-pipeline     lesson 07  Configure a pipeline for exactly-once
          [ ] 10 latency-and-completeness  lesson 03  Trigger and watermark settings for latency and completeness
          [ ] 11 windowed-count            lesson 03  Count per window by event time, dropping late events
          [ ] 12 event-sourcing-rebuild    lesson 12  Rebuild a table from its event log: fold, snapshot + tail, upcaster
          [ ] 13 cep-pattern               lesson 11  A card-testing fraud pattern with Flink CEP's rules
          [ ] 14 lambda-merge              lesson 09  The serving-view merge of a Lambda architecture
          [ ] 15 choose-a-system           lesson 16  Choose a system and its guarantee for each of TheWorldShop's needs

        """)
    }

    @Test func passingCheckRecordsProgressAndNextMovesOn() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        try ExerciseFixtures.replace("ex/01-classify-operations/classification.txt", with: "ex/01-classify-operations/reference/classification.txt", in: directory)
        let check = try StreamlabProcess.run(["exercises", "check", "1", "--exercises-dir", "ex"], in: directory)
        #expect(check.exitCode == 0)
        #expect(check.standardOutput.hasSuffix("  hidden checks: 9/9 passed\ndone! `streamlab exercises next` shows the next exercise\n"))
        #expect(try String(contentsOf: directory.appendingPathComponent("ex/.progress"), encoding: .utf8) == "1\n")
        let next = try StreamlabProcess.run(["exercises", "next", "--exercises-dir", "ex"], in: directory)
        #expect(next.standardOutput == """
        next: 02 window-assigner: Write a window assigner
        edit 02-window-assigner/WindowAssigner.swift, read 02-window-assigner/README.md, then run `streamlab exercises check 2`

        """)
        let list = try StreamlabProcess.run(["exercises", "--exercises-dir", "ex"], in: directory)
        #expect(list.standardOutput.hasPrefix("StreamLab exercises: 1/15 done\n  [x] 01 classify-operations "))
    }

    @Test func failingCheckNamesTheMisconceptionAndExitsOne() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        try ExerciseFixtures.replace("ex/09-exactly-once-pipeline/pipeline.conf", with: "ex/09-exactly-once-pipeline/mutants/read-uncommitted.conf", in: directory)
        let result = try StreamlabProcess.run(["exercises", "check", "9", "--exercises-dir", "ex"], in: directory)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput == """
        exercise 09 exactly-once-pipeline (09-exactly-once-pipeline/pipeline.conf): 5/6 checks passed
          ok   offsets are committed with the output
          ok   sink takes part in the transaction
          FAIL consumers read committed data only
               read_uncommitted: downstream consumers see output of transactions that a crash later aborts
          hidden checks: 3/3 passed
        stuck? `streamlab exercises hint 9`

        """)
    }

    @Test func hintPrintsTheExerciseHints() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        let result = try StreamlabProcess.run(["exercises", "hint", "window-assigner", "--exercises-dir", "ex"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix("hints for 02 window-assigner:\nWindows are [start, end): an event exactly at `end` is NOT in that window.\n"))
    }

    @Test func unknownExerciseIsAnInputError() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        let result = try StreamlabProcess.run(["exercises", "check", "42", "--exercises-dir", "ex"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: exercise: no exercise '42' (try `streamlab exercises`)\n")
    }

    @Test func watchStopsWhenIdleAndRechecksWhenTheFileChanges() throws {
        let directory = try ExerciseFixtures.scratchCopy()
        let idle = try StreamlabProcess.run(["exercises", "watch", "9", "--exercises-dir", "ex", "--max-checks", "3", "--poll-millis", "50", "--idle-timeout-seconds", "1"], in: directory)
        #expect(idle.exitCode == 1)
        #expect(idle.standardOutput.hasSuffix("watching for changes... (check 1 of at most 3)\nno change for 1 s; stopping\n"))
        // Fix the file while watch waits; the second check passes and watch exits 0.
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
            try? ExerciseFixtures.replace("ex/09-exactly-once-pipeline/pipeline.conf", with: "ex/09-exactly-once-pipeline/reference/pipeline.conf", in: directory)
        }
        let fixed = try StreamlabProcess.run(["exercises", "watch", "9", "--exercises-dir", "ex", "--max-checks", "3", "--poll-millis", "50", "--idle-timeout-seconds", "30"], in: directory)
        #expect(fixed.exitCode == 0)
        #expect(fixed.standardOutput.components(separatedBy: "exercise 09 exactly-once-pipeline").count == 3)
        #expect(fixed.standardOutput.hasSuffix("done! `streamlab exercises next` shows the next exercise\n"))
    }

    @Test func labSweepPrintsTheTradeOffDeterministically() throws {
        let result = try StreamlabProcess.run(["exercises", "lab", "--trigger-interval-seconds", "5", "--sweep", "0,20"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
        seed 7, trigger 5 s, 1-minute tumbling windows, append mode
        watermark delay 0 s: events 60105, dropped late 1039, completeness 98.27%, latency after window end p50 10.0 s, p95 10.0 s
        watermark delay 20 s: events 60105, dropped late 384, completeness 99.36%, latency after window end p50 30.0 s, p95 30.0 s

        """)
    }
}
