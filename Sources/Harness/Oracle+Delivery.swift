import Dataflow
import Delivery
import Engines
import SimKernel
import Workloads

/// What a crash-free, loss-free run of the delivery query must show: per
/// event, the key's running total in log (arrival) order; per key and
/// tumbling event-time window `[start, end)`, the count of its events.
public struct DeliveryExpectation {
    public let runningTotals: [UInt64: Double]
    public let windowCounts: [OutputIdentity: Double]
    public let eventIDs: [UInt64]
    public let keyOf: [UInt64: Int32]
    public let arrivalOf: [UInt64: Instant]
    /// When each event happened: latency is measured from it even on
    /// processing-time engines, which re-stamp what they window by.
    public let eventTimeOf: [UInt64: Instant]
}

extension Oracle {
    /// The delivery experiments' exact answer, from the lab's one oracle: the
    /// windows are `Oracle.results` of the very query `KeyedTotalsOperator`
    /// runs (so the harness and `streamlab run` agree on what a window is);
    /// the running totals are the keyed running sum the operator adds, over
    /// the complete input in arrival order, with nothing dropped or crashed.
    public static func delivery(events: [Event], query: QuerySettings) -> DeliveryExpectation {
        var windows: [OutputIdentity: Double] = [:]
        for row in results(of: KeyedTotalsOperator.windowQuery(for: query), over: events) {
            windows[.window(key: row.key, startMicros: row.window.start.micros)] = Double(row.aggregates.count)
        }
        var totals: [Int32: Double] = [:]
        var running: [UInt64: Double] = [:]
        for event in events {
            let total = (totals[event.key] ?? 0) + KeyedTotalsOperator.sign(of: event, kindSigns: query.kindSigns) * event.value
            totals[event.key] = total
            running[event.id] = total
        }
        return DeliveryExpectation(
            runningTotals: running, windowCounts: windows, eventIDs: events.map(\.id),
            keyOf: Dictionary(events.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first }),
            arrivalOf: Dictionary(events.map { ($0.id, $0.arrivalTime) }, uniquingKeysWith: { first, _ in first }),
            eventTimeOf: Dictionary(events.map { ($0.id, $0.eventTime) }, uniquingKeysWith: { first, _ in first }))
    }
}
