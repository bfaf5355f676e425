/// Exercise 01: classify TheWorldShop's operations as batch, micro-batch or
/// streaming (lesson 01). The answer file has one line per operation:
/// `operation-id = model ; reason`. The model must match, and the reason must
/// name a deciding factor (checked by keywords, any one suffices).
enum ClassificationGrader {
    struct Operation {
        var id: String
        var model: String
        var keywords: [String]
        var visibility: TestVisibility
        /// What choosing each wrong model says about the student's thinking.
        var misconceptions: [String: String]
    }

    static let models = ["batch", "micro-batch", "streaming"]

    static let operations: [Operation] = [
        Operation(id: "nightly-revenue-report", model: "batch", keywords: ["complete", "bounded", "once a day", "daily", "all of the day", "whole day", "cheap"], visibility: .visible,
                  misconceptions: ["streaming": "the finance report needs the complete day, once; a continuous job pays for latency nobody reads",
                                   "micro-batch": "the finance report needs the complete day, once; triggering every few seconds buys nothing"]),
        Operation(id: "card-fraud-check", model: "streaming", keywords: ["per event", "each event", "millisecond", "before", "approve", "immediately", "low latency", "record"], visibility: .visible,
                  misconceptions: ["batch": "a fraud verdict after midnight comes after the money has gone",
                                   "micro-batch": "a payment waits for the next trigger; the verdict must come per event, in milliseconds, before approval"]),
        Operation(id: "trending-products-panel", model: "micro-batch", keywords: ["every minute", "seconds", "throughput", "trigger", "refresh", "minute"], visibility: .visible,
                  misconceptions: ["batch": "the midnight job's stale hour: by the next morning the viral product is no longer trending",
                                   "streaming": "a panel refreshed every minute tolerates seconds of latency; per-record processing costs throughput for nothing"]),
        Operation(id: "low-stock-alert", model: "streaming", keywords: ["timer", "seconds", "immediately", "per event", "each event", "2 minutes", "two minutes", "low latency"], visibility: .hidden,
                  misconceptions: ["batch": "a nightly stock check alerts hours after the shelf is empty on a viral night",
                                   "micro-batch": "with a slow trigger the alert can miss its 2-minute deadline; a per-event check with a timer fires as soon as stock crosses the threshold"]),
        Operation(id: "recommendation-retraining", model: "batch", keywords: ["history", "complete", "all data", "weekly", "nightly", "bounded", "heavy", "whole"], visibility: .hidden,
                  misconceptions: ["streaming": "retraining reads the whole history; there is no per-event answer to give",
                                   "micro-batch": "retraining reads the whole history; small frequent batches re-read it again and again"]),
        Operation(id: "regional-sales-5min", model: "micro-batch", keywords: ["5 minutes", "five minutes", "minutes", "throughput", "trigger", "window"], visibility: .hidden,
                  misconceptions: ["batch": "marketing wants the numbers every 5 minutes during the night, not tomorrow",
                                   "streaming": "5-minute aggregates tolerate a trigger; micro-batches give the throughput for the viral peak"]),
    ]

    static func grade(_ text: String, _ taskId: Int) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        var checks: [AnswerCheck] = []
        for operation in operations {
            let answer = answers[operation.id] ?? ""
            let parts = answer.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let model = parts.first ?? ""
            let reason = parts.count > 1 ? parts[1] : ""
            checks.append(AnswerCheck(name: "\(operation.id) is \(operation.model)", visibility: operation.visibility, problem: modelProblem(operation, model)))
            let reasonProblem: String? = operation.keywords.contains(where: { reason.contains($0) }) ? nil
                : "the reason for \(operation.id) does not name a deciding factor; mention one of: \(operation.keywords.prefix(4).joined(separator: ", "))"
            checks.append(AnswerCheck(name: "\(operation.id) reason names a deciding factor", visibility: operation.visibility, problem: reasonProblem))
        }
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }

    static func modelProblem(_ operation: Operation, _ model: String) -> String? {
        if model == operation.model { return nil }
        guard models.contains(model) else {
            return "\(operation.id): answer one of batch, micro-batch, streaming (got '\(model)')"
        }
        return "\(operation.id) as \(model): " + (operation.misconceptions[model] ?? "not the best model")
    }
}
