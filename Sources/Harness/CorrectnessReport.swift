import Delivery
import SimKernel
import Workloads

/// Correctness of one run against the oracle.
public struct CorrectnessReport: Equatable, Sendable, Codable {
    /// Input events with no visible output.
    public var eventsLost: Int
    /// Extra visible copies of per-event outputs (a reader saw them twice).
    public var eventsDuplicated: Int
    /// Per-event outputs whose final value differs from the oracle's running total.
    public var eventValuesWrong: Int
    public var windowsCorrect: Int
    public var windowsWrong: Int
    public var windowsMissing: Int
    /// Extra visible copies of window results.
    public var windowsDuplicated: Int

    public var windowTotal: Int { windowsCorrect + windowsWrong + windowsMissing }
    public var windowCompleteness: Double { windowTotal == 0 ? 1 : Double(windowsCorrect) / Double(windowTotal) }

    public init(result: DeliveryRunResult, oracle: DeliveryExpectation) {
        // A batch job re-emits its whole result table each run (complete
        // mode), and a reader sees the newest table: a window row again is
        // an update of the table, not a duplicate.
        let windowsAreTable = result.configuration.engine.model == .batch
        var seen: [OutputIdentity: (count: Int, value: Double)] = [:]
        if result.sink.kind == .upsert {
            for (identity, output) in result.sink.upsertTable { seen[identity] = (1, output.value) }
        } else {
            for visible in result.sink.visible {
                let previous = seen[visible.output.identity]?.count ?? 0
                seen[visible.output.identity] = (previous + 1, visible.output.value)
            }
        }
        var lost = 0, duplicated = 0, wrong = 0
        for id in oracle.eventIDs {
            guard let entry = seen[.event(id, key: oracle.keyOf[id]!)] else {
                lost += 1
                continue
            }
            duplicated += entry.count - 1
            if entry.value != oracle.runningTotals[id] { wrong += 1 }
        }
        var correct = 0, windowWrong = 0, missing = 0, windowDuplicated = 0
        for (identity, expected) in oracle.windowCounts {
            guard let entry = seen[identity] else {
                missing += 1
                continue
            }
            if !windowsAreTable { windowDuplicated += entry.count - 1 }
            if entry.value == expected { correct += 1 } else { windowWrong += 1 }
        }
        eventsLost = lost
        eventsDuplicated = duplicated
        eventValuesWrong = wrong
        windowsCorrect = correct
        windowsWrong = windowWrong
        windowsMissing = missing
        windowsDuplicated = windowDuplicated
    }
}
