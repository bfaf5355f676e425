import Dataflow
import Foundation
import SimKernel
import Testing
import Workloads

/// The exercises' reference solutions against the lab's own operators
/// (`Dataflow/Stateful`) on generated scenarios: a reference that disagrees
/// with the lab teaches a different rule from the one the lessons run.
///
/// Each reference is compiled with the exercise kit and a small driver that
/// reads events from a file, exactly as the grader compiles a submission, and
/// both sides are driven the same way (per key, in arrival order, with the
/// exercise harness's watermark), so any difference is in the functions.
@Suite(.serialized) struct ExerciseReferenceCrossCheckTests {
    @Test func sessionTimeoutReferenceAgreesWithTheLabsSessionTimeoutFunction() throws {
        let scenario = try ScenarioCatalog.load(TestPaths.repositoryRoot + "/Datasets/scenarios/clickstream-sessions.json")
        let events = Array(scenario.makeGenerator(seed: 7, maxEvents: 6_000))
        let gapMicros: Int64 = 300_000_000
        let boundMicros: Int64 = 5_000_000
        let lab = labSessions(events, gapMicros: gapMicros, boundMicros: boundMicros)
        let reference = try runReference(
            exercise: "04-session-timeout", files: ["api/shared.swift", "tests/kit.swift", "reference/SessionTimeout.swift"],
            driver: Self.sessionDriver(gapMicros: gapMicros, boundMicros: boundMicros), events: events)
        #expect(lab.count > 500, "the scenario should give hundreds of sessions, got \(lab.count)")
        #expect(firstDifference(reference, lab) == nil)
    }

    @Test func inventoryAlertReferenceAgreesWithTheLabsInventoryAlertFunction() throws {
        let scenario = try ScenarioCatalog.load(TestPaths.repositoryRoot + "/Datasets/scenarios/theworldshop-viral-night.json")
        let readings = stockReadings(Array(scenario.makeGenerator(seed: 3, maxEvents: 40_000)), scenario: scenario, initialStock: 60)
        let lab = labFirstAlerts(readings, thresholdUnits: 10)
        let reference = try runReference(
            exercise: "05-inventory-alert", files: ["reference/InventoryAlert.swift"], driver: Self.inventoryDriver(thresholdUnits: 10),
            events: readings)
        #expect(lab.count > 10, "the readings should cross the threshold many times, got \(lab.count)")
        #expect(firstDifference(reference, lab) == nil)
    }

    // MARK: the lab's side

    /// `SessionTimeoutFunction` behind `KeyedProcessOperator`, one key at a
    /// time, with the exercise harness's per-key watermark (`max − bound − 1`
    /// after each event, +∞ at the end).
    func labSessions(_ events: [Event], gapMicros: Int64, boundMicros: Int64) -> [String] {
        var lines: [String] = []
        for (key, keyEvents) in groupedByKey(events) {
            var op = KeyedProcessOperator(SessionTimeoutFunction(inactivityGap: Duration(micros: gapMicros)))
            var context = OperatorContext<SessionTimeoutFunction.SessionEnd>()
            var maxEvent = Instant.min
            for event in keyEvents {
                op.process(event, context: &context)
                maxEvent = max(maxEvent, event.eventTime)
                op.advanceWatermark(to: maxEvent - Duration(micros: boundMicros + 1), context: &context)
            }
            op.advanceWatermark(to: .max, context: &context)
            for end in context.outputs {
                lines.append("user-\(key) \(end.firstEventTime.micros) \(end.timeoutTime.micros) \(end.eventCount)")
            }
        }
        return lines
    }

    /// `InventoryAlertFunction`'s first alerts (`fellBelowThreshold`): it
    /// alerts when the level is *below* its threshold, the exercise when it
    /// is *at or below* its own, so for whole units the lab's threshold is
    /// the exercise's + 1. Processing time stays at zero, so its 2-minute
    /// repeats never fire; the exercise has none.
    func labFirstAlerts(_ readings: [Event], thresholdUnits: Int) -> [String] {
        var op = KeyedProcessOperator(InventoryAlertFunction(threshold: Double(thresholdUnits + 1)))
        var lines: [String] = []
        for (index, reading) in readings.enumerated() {
            var context = OperatorContext<InventoryAlertFunction.Alert>()
            op.process(reading, context: &context)
            for alert in context.outputs where alert.reason == .fellBelowThreshold { lines.append("\(index) sku-\(alert.key)") }
        }
        return lines
    }

    /// Stock readings from the viral night, as `run --job inventory-alert`
    /// makes them, plus restocks so SKUs go low, recover and go low again:
    /// an order sells one unit, a `stock` record adds its value. Readings
    /// carry the newest event time seen for the SKU, so none is stale.
    func stockReadings(_ events: [Event], scenario: Scenario, initialStock: Int) -> [Event] {
        let order = scenario.kindIndex("order")!
        let stock = scenario.kindIndex("stock")!
        var levels: [Int32: Int] = [:]
        var newest: [Int32: Instant] = [:]
        var seen: Set<UInt64> = []
        var readings: [Event] = []
        for event in events where (event.kind == order || event.kind == stock) && seen.insert(event.id).inserted {
            let change = event.kind == order ? -1 : Int(event.value.rounded(.down)) * 20
            let level = (levels[event.key] ?? initialStock) + change
            levels[event.key] = level
            let time = max(newest[event.key] ?? .min, event.eventTime)
            newest[event.key] = time
            var reading = event
            reading.value = Double(level)
            reading.eventTime = time
            readings.append(reading)
        }
        return readings
    }

    func groupedByKey(_ events: [Event]) -> [(Int32, [Event])] {
        var byKey: [Int32: [Event]] = [:]
        for event in events { byKey[event.key, default: []].append(event) }
        return byKey.keys.sorted().map { ($0, byKey[$0]!) }
    }

    /// nil when equal; else the first differing line (a short failure message, not two long arrays).
    func firstDifference(_ reference: [String], _ lab: [String]) -> String? {
        for (index, (a, b)) in zip(reference, lab).enumerated() where a != b { return "line \(index): reference '\(a)', lab '\(b)'" }
        return reference.count == lab.count ? nil : "reference has \(reference.count) lines, lab \(lab.count)"
    }
}
