import Delivery
import Engines
import SimKernel
import Workloads
@testable import Harness

/// What the run-equivalence tests share: the reference workload over 20 s
/// with 1 s windows, a preset (a batch job triggered every 15 s, so it runs
/// within the span) under two crashes, and a measurement's latency curves.
enum MeasurementFixtures {
    static func referenceRun(preset: String, guarantee: Guarantee, seed: UInt64) throws
        -> (workload: CompareWorkload, engine: DeliveryEngine, plan: CrashPlan) {
        let scenario = try ScenarioCatalog.load("reference")
        let workload = CompareWorkload(scenario: scenario, seed: seed, duration: .seconds(20), windowSizeMicros: 1_000_000,
                                       watermarkDelayMicros: 200_000, clearingMicros: 2_000_000)
        var engine = try DeliveryEngine.named(preset, guarantee: guarantee)
        if engine.model == .batch { engine.triggerInterval = .seconds(15) }
        return (workload, engine, try CrashPlan.parse("at:6s,at:17s"))
    }

    /// The event-time, processing-time and window latency CDFs, as text.
    static func latencyPoints(_ measured: Harness.Measurement) -> [String] {
        [measured.check.eventTime, measured.check.processingTime, measured.check.windowEventTime].flatMap { recorder in
            recorder.cdfPoints().map { "\($0.micros) \($0.fraction)" }
        }
    }
}
