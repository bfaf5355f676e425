import Delivery
import Engines
import Foundation
import SimKernel
import Testing
@testable import Harness

/// Exercise 15 grades a student's choice of system against the latencies in
/// its `systems.json`. They must be the lab's: every figure is measured
/// again here, with the `compare` settings the file names, so a change to a
/// preset that moves a latency fails this test until the data (and perhaps
/// the needs) are brought up to date.
@Suite struct SystemChoiceDataTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Exercises/15-choose-a-system/systems.json").path

    struct Figure: Sendable {
        var system: String
        var guarantee: Guarantee
        var p99Millis: Double
    }

    func figures() throws -> (command: String, figures: [Figure]) {
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        guard case .object(let top) = try JSONValue.parse(text, file: Self.file),
              case .string(let command)? = top.first(where: { $0.0 == "command" })?.1,
              case .array(let entries)? = top.first(where: { $0.0 == "latencies" })?.1 else {
            Issue.record("systems.json has no command or latencies")
            return ("", [])
        }
        var figures: [Figure] = []
        for case .object(let fields) in entries {
            guard case .string(let system)? = fields.first(where: { $0.0 == "system" })?.1,
                  case .string(let guarantee)? = fields.first(where: { $0.0 == "guarantee" })?.1,
                  case .number(let p99)? = fields.first(where: { $0.0 == "p99_ms" })?.1,
                  let parsed = Guarantee(rawValue: guarantee) else { continue }
            figures.append(Figure(system: system, guarantee: parsed, p99Millis: p99))
        }
        return (command, figures)
    }

    @Test func everyLatencyInTheExerciseDataIsTheLabsOwn() throws {
        let (command, figures) = try figures()
        #expect(command == "streamlab compare reference --duration 20s --crashes none --guarantees at-most-once,at-least-once,exactly-once,exactly-once-idempotent")
        #expect(figures.count == 22)
        // compare's defaults: seed 42, 1 m tumbling window, 2 s watermark delay.
        let options = try ExperimentOptions(scenario: "reference", seed: 42, crashes: "none", recovery: "uniform:5s..15s",
                                            batchSchedule: nil, duration: .seconds(20), overrides: [], window: .minutes(1),
                                            watermarkDelay: .seconds(2))
        let workload = try options.workload()
        let measured = ParallelMap.run(count: figures.count, jobs: 2) { index in
            let figure = figures[index]
            let engine = try! DeliveryEngine.named(figure.system, guarantee: figure.guarantee)
            let row = measure(workload, engine: engine, crashPlan: .none, recoveryDelay: options.recoveryDelay, seed: 42).row
            return (Double(row.metrics.eventTimeLatency.p99Micros) / 100).rounded() / 10
        }
        for (figure, p99) in zip(figures, measured) {
            #expect(figure.p99Millis == p99, "\(figure.system) \(figure.guarantee.rawValue): systems.json says \(figure.p99Millis) ms, the lab measures \(p99) ms")
        }
    }
}
