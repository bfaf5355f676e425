import Delivery
import Engines
import Foundation
import SimKernel
import Workloads

/// `streamlab crash`: one fault experiment, explained crash by crash.
public enum CrashJob {
    public static func run(_ options: ExperimentOptions, engine: String, guarantee: Guarantee, source: SourceKind = .log,
                           print: (String) -> Void) throws(InputError) {
        let profile = try DeliveryEngine.named(engine, guarantee: guarantee).scheduled(batchScheduleMicros: options.batchScheduleMicros)
        let workload = try options.workload()
        print(options.header(command: "crash", extra: [("engine", profile.name), ("guarantee", guarantee.rawValue),
                                                       ("configuration", profile.offered.configuration),
                                                       ("sink", guarantee.sinkKind.rawValue), ("source", source.rawValue)]))
        // One run: the checker and the generator take a second core when
        // there is one. The story prints correctness and retention only, so
        // the check measures nothing else.
        let run = measure(workload, engine: profile, crashPlan: options.crashPlan, recoveryDelay: options.recoveryDelay,
                          seed: options.seed, source: source, checkBeside: ProcessInfo.processInfo.activeProcessorCount > 1,
                          figures: [.correctness, .compaction])
        print(explain(run.result, row: run.row, compactedCount: run.check.compactedCount))
        let retried = run.result.inputCount - run.check.truthCount
        if retried > 0 {
            print("why else duplicated: the producer is not idempotent, so \(retried) retried send(s) sit in the log twice and every guarantee processes both copies; the delivery guarantee covers the pipeline from the log on, not the producer (--producer idempotent, Kafka's default since 3.0, keeps one).\n")
        }
    }

    static func clock(_ time: Instant, from start: Instant) -> String {
        "+" + formatFixed(Double((time - start).micros) / 1_000_000, digits: 3) + "s"
    }

    /// The crash-by-crash story and the verdict, with the reason for each loss or duplicate.
    public static func explain(_ result: DeliveryRunResult, row: TriadRow, compactedCount: Int) -> String {
        let start = result.firstArrival
        let model = result.configuration.engine.model
        let restoredName = model == .record ? "checkpoint" : "batch"
        var text = "\(result.inputCount) events; \(result.crashes.count) crash(es)"
        text += result.ignoredCrashCount > 0 ? " (\(result.ignoredCrashCount) more fell while the job was down and were ignored)\n" : "\n"
        for (index, crash) in result.crashes.enumerated() {
            text += "crash \(index + 1) at \(clock(crash.time, from: start)) (\(CompareRun.describe(crash.cause))): "
            text += "\(crash.inFlightRecords) record(s) in flight dropped; "
            if let restarted = crash.restartedAt { text += "restarted at \(clock(restarted, from: start)) " }
            if result.configuration.guarantee.usesCheckpoints {
                // (Restored state and replayed offsets; at-most-once restores nothing.)
                text += crash.restoredFrom >= 0 ? "from \(restoredName) \(crash.restoredFrom)" : "from the beginning (no complete \(restoredName))"
                // A log consumer seeks back to an offset; a queue redelivers what was never acked.
                let replay = result.queueStatistics == nil ? "replaying offsets" : "the queue redelivering messages"
                text += ", \(replay) \(crash.resumedAtOffset)..<\(crash.readUpToOffset)"
            } else {
                text += "at committed offset \(crash.resumedAtOffset) with empty operator state (nothing restored, nothing replayed)"
            }
            if let recovery = crash.recoveryMicros {
                text += "; caught up after \(formatFixed(Double(recovery) / 1_000_000, digits: 3))s"
            }
            text += "\n"
        }
        let c = row.metrics.correctness
        text += "lost \(c.eventsLost), duplicated \(c.eventsDuplicated), wrong values \(c.eventValuesWrong); "
        text += "windows correct \(c.windowsCorrect), wrong \(c.windowsWrong), missing \(c.windowsMissing), duplicated \(c.windowsDuplicated)\n"
        text += verdict(result, correctness: c)
        text += retention(result, compactedCount: compactedCount)
        return text
    }

    /// What the source still holds: the difference between a log and a queue
    /// is not the guarantee (both resume after the last commit or ack) but
    /// whether the input can be read again.
    static func retention(_ result: DeliveryRunResult, compactedCount: Int) -> String {
        guard let queue = result.queueStatistics else {
            var text = "source log: all \(result.inputCount) records stay in the log; a reprocessing can replay them from offset 0. "
            text += "Compacted by key, the log would keep \(compactedCount) (the latest per key in each partition): "
            text += "the current value of each key, not its history.\n"
            return text
        }
        var text = "source queue: \(queue.redeliveredCount) message(s) redelivered after crashes (flagged redelivered), "
        text += "\(queue.ackedCount) acked and deleted; a reprocessing from the beginning would find \(queue.remainingCount) "
        text += "of \(result.inputCount) (a log keeps them all).\n"
        return text
    }

    static func verdict(_ result: DeliveryRunResult, correctness c: CorrectnessReport) -> String {
        var text = ""
        switch result.configuration.guarantee {
        case .atMostOnce:
            if c.eventsLost > 0 {
                text += "why lost: at-most-once commits offsets before processing, so records read but not yet written when the job died are never read again.\n"
            }
            if c.eventValuesWrong + c.windowsWrong + c.windowsMissing > 0 {
                text += "why wrong: nothing is restored after a crash, so running totals and open windows start again from empty state.\n"
            }
        case .atLeastOnce:
            if c.eventsDuplicated + c.windowsDuplicated > 0 {
                text += "why duplicated: the append sink had already made visible the outputs written after the last complete checkpoint; recovery replayed those records and wrote them again.\n"
            }
        case .exactlyOnce:
            text += "exactly-once: \(result.sink.abortedOutputCount) uncommitted output(s) were aborted"
            text += result.sink.skippedBatchCount > 0 ? ", \(result.sink.skippedBatchCount) replayed batch(es) skipped by id" : ""
            text += "; readers (read_committed) saw each output once.\n"
        case .exactlyOnceIdempotent:
            text += "exactly-once by idempotence: replayed outputs overwrote rows with the same key and value.\n"
        }
        if c.windowsWrong + c.windowsMissing > 0, result.droppedLateCount > 0 {
            text += "windows wrong or missing also reflect \(result.droppedLateCount) late event(s) dropped by the watermark, not the crashes.\n"
        }
        if c.eventsLost == 0, c.eventsDuplicated == 0, c.eventValuesWrong == 0 { text += "no event lost or duplicated.\n" }
        return text
    }

    /// `--swarm N`: N tiny random schedules; prints failures with their seeds.
    public static func swarm(engine: String, guarantee: Guarantee, seeds: Range<UInt64>, print: (String) -> Void,
                             progress: (Int, Int) -> Void = { _, _ in }) throws(InputError) -> Bool {
        var failures = 0, lost = 0, duplicated = 0, crashes = 0
        for outcome in try CrashSwarm.run(engine: engine, guarantee: guarantee, seeds: seeds, progress: progress) {
            crashes += outcome.crashes
            lost += outcome.correctness.eventsLost
            duplicated += outcome.correctness.eventsDuplicated
            let bad: Bool
            switch guarantee {
            case .exactlyOnce, .exactlyOnceIdempotent: bad = !outcome.isExactlyOnce
            case .atLeastOnce: bad = !outcome.finished || outcome.correctness.eventsLost > 0
            case .atMostOnce: bad = !outcome.finished || outcome.correctness.eventsDuplicated > 0
            }
            if bad {
                failures += 1
                print("FAIL \(outcome)\n")
            }
        }
        print("swarm \(engine) \(guarantee.rawValue) seeds \(seeds.lowerBound)..<\(seeds.upperBound): \(crashes) crashes, \(lost) lost, \(duplicated) duplicated, \(failures) failing schedule(s)\n")
        return failures == 0
    }
}
