import SimKernel
import Workloads

/// One event in the replay format (`E.jsonl`): what an exported job reads.
public struct ExportedEvent: Sendable, Equatable {
    public var key: String
    public var timestampMillis: Int64
    public var value: Int64
    /// The Spark micro-batch (one file per batch); Flink ignores it.
    public var batch: Int

    /// `{"key":"k1","ts_ms":1000,"value":3,"batch":0}`; keys are the scenario's names, which need no escaping
    /// beyond quotes and backslashes.
    public var jsonLine: String {
        var escaped = ""
        for character in key {
            if character == "\\" || character == "\"" { escaped.append("\\") }
            escaped.append(character)
        }
        return #"{"key":"\#(escaped)","ts_ms":\#(timestampMillis),"value":\#(value),"batch":\#(batch)}"#
    }
}

/// Turns a scenario's generated stream into replay events.
///
/// Two documented roundings, because the real engines' replay query works on
/// integers in milliseconds: event time is floored from µs to ms, and the
/// value is rounded to the nearest integer (half away from zero). Micro-batches
/// follow arrival time: events that arrive in the same trigger interval share a
/// batch, as with Spark's processing-time trigger reading one file per trigger;
/// empty intervals are skipped, so batch numbers stay consecutive.
public enum ExportData {
    public static func events(
        scenario: Scenario, seed: UInt64, maxEvents: Int, triggerMillis: Int64
    ) -> [ExportedEvent] {
        precondition(maxEvents > 0 && triggerMillis > 0)
        let generator = scenario.makeGenerator(seed: seed, maxEvents: maxEvents)
        var generated: [Event] = []
        generated.reserveCapacity(maxEvents)
        // Bounded by maxEvents.
        while generated.count < maxEvents, let event = generator.next() { generated.append(event) }
        // Arrival order, ties by generation order (the replay input is in arrival order).
        let ordered = generated.enumerated().sorted {
            ($0.element.arrivalTime, $0.offset) < ($1.element.arrivalTime, $1.offset)
        }.map(\.element)
        let triggerMicros = triggerMillis * 1000
        var batch = -1
        var lastTrigger: Int64?
        return ordered.map { event in
            let trigger = floorDivide(event.arrivalTime.micros, triggerMicros)
            if trigger != lastTrigger {
                batch += 1
                lastTrigger = trigger
            }
            return ExportedEvent(
                key: scenario.keyName(event.key),
                timestampMillis: floorDivide(event.eventTime.micros, 1000),
                value: Int64(event.value.rounded(.toNearestOrAwayFromZero)),
                batch: batch)
        }
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
