/// Exercise 09: configure a pipeline for exactly-once (lesson 07). The answer
/// is a `key = value` file; each check is one rule of DESIGN.md's Kafka and
/// Flink sections, and its message names the guarantee the wrong value gives.
enum ExactlyOnceConfigGrader {
    static func grade(_ text: String, _ taskId: Int) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        func value(_ key: String) -> String { (answers[key] ?? "").lowercased() }
        let commit = value("source.offsets.commit")
        let sink = value("sink.kind")
        var checks: [AnswerCheck] = []
        // Kafka: commit-then-process is at-most-once; process-then-commit is at-least-once;
        // exactly-once writes the offsets in the same transaction as the output (KIP-98).
        checks.append(AnswerCheck(name: "offsets are committed with the output", visibility: .visible, problem: {
            switch commit {
            case "with-output-transaction": return nil
            case "before-processing": return "at-most-once: committing the offset before processing loses the records in flight at a crash"
            case "after-processing": return "at-least-once: committing after processing replays the records processed since the last commit"
            default: return "source.offsets.commit must be before-processing, after-processing or with-output-transaction (got '\(commit)')"
            }
        }()))
        checks.append(AnswerCheck(name: "sink takes part in the transaction", visibility: .visible, problem: {
            switch sink {
            case "two-phase-commit": return nil
            case "append": return "an append sink writes replayed records twice: duplicates after every recovery"
            case "upsert": return "an upsert sink is idempotent only for deterministic keys; with a transactional source use two-phase-commit so offsets and output commit together"
            default: return "sink.kind must be append, upsert or two-phase-commit (got '\(sink)')"
            }
        }()))
        checks.append(AnswerCheck(name: "consumers read committed data only", visibility: .visible, problem:
            value("consumer.isolation.level") == "read_committed" ? nil
            : "read_uncommitted: downstream consumers see output of transactions that a crash later aborts"))
        checks.append(AnswerCheck(name: "checkpointing is on", visibility: .hidden, problem:
            value("checkpointing.enabled") == "true" ? nil
            : "without checkpoints the two-phase-commit sink never pre-commits: there is nothing to commit on checkpoint completion"))
        let interval = Double(value("checkpoint.interval.seconds")) ?? -1
        checks.append(AnswerCheck(name: "checkpoint interval is positive and at most 60 s", visibility: .hidden, problem:
            (interval > 0 && interval <= 60) ? nil
            : "checkpoint.interval.seconds must be in (0, 60]: output is visible to read_committed readers only when a checkpoint completes"))
        checks.append(AnswerCheck(name: "Kafka Streams guarantee is exactly_once_v2", visibility: .hidden, problem:
            value("processing.guarantee") == "exactly_once_v2" ? nil
            : "processing.guarantee must be exactly_once_v2 (Kafka Streams has at_least_once and exactly_once_v2)"))
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }
}
