import Dataflow
import Delivery
import Engines
import Harness
import SimKernel
import Testing
import Workloads

/// `compare` and `crash` run the very rules `replay` is checked with: a
/// deliberately wrong rule swapped into the one place it lives moves the
/// triad's figures (the conformance suite shows the same mutation failing
/// `replay` and the replay crash path against the real engines).
@Suite struct SharedRulesTests {
    /// Events on the rules' boundaries (10 s windows, 500 ms delay): for
    /// each of two windows, a record moves the watermark to the window's
    /// end (Spark) or its end − 1 µs (Flink), then a record of that window
    /// arrives one batch later (key 0) or two batches later (key 1).
    let workload: CompareWorkload = {
        func event(_ id: UInt64, key: Int32, eventMillis: Int64, arrivalMillis: Int64, eventMicrosExtra: Int64 = 0) -> Event {
            Event(id: id, key: key, kind: 0, value: 1, eventTime: .millis(eventMillis) + Duration(micros: eventMicrosExtra),
                  arrivalTime: .millis(arrivalMillis))
        }
        let events: [Event] = [
            event(0, key: 0, eventMillis: 10_200, arrivalMillis: 10_300),
            event(1, key: 0, eventMillis: 20_500, arrivalMillis: 21_000),
            event(2, key: 0, eventMillis: 19_999, arrivalMillis: 21_500, eventMicrosExtra: 999),
            event(3, key: 1, eventMillis: 40_200, arrivalMillis: 40_300),
            event(4, key: 1, eventMillis: 50_500, arrivalMillis: 51_000),
            event(5, key: 1, eventMillis: 49_999, arrivalMillis: 53_500, eventMicrosExtra: 999),
        ]
        return CompareWorkload(scenarioName: "rule-boundaries", events: events, kindNames: ["view"], initialStock: 0,
                               windowSizeMicros: 10_000_000, watermarkDelayMicros: 500_000, clearingMicros: 0)
    }()

    func correctness(_ name: String, _ mutation: RuleMutation?) throws -> CorrectnessReport {
        let engine = try DeliveryEngine.named(name, guarantee: .exactlyOnce)
        return measure(workload, engine: engine, crashPlan: .none, recoveryDelay: .constant(1), seed: 1,
                       mutation: mutation).row.metrics.correctness
    }

    @Test(arguments: [("flink", RuleMutation.flinkTriggerLessThan), ("spark-structured-streaming", .sparkLateLessThan),
                      ("spark-structured-streaming", .sparkCurrentWatermark)])
    func aWrongRuleInTheOneRulebookChangesTheTriad(engine: String, mutation: RuleMutation) throws {
        let right = try correctness(engine, nil)
        let wrong = try correctness(engine, mutation)
        #expect(wrong != right, "\(engine) with \(mutation.rawValue) gave the same figures: \(right) vs \(wrong)")
    }
}
