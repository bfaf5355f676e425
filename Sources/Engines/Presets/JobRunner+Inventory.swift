import Dataflow
import SimKernel
import Workloads

/// Turns orders into stock readings for `InventoryAlertFunction`.
///
/// Model (the same as `BusinessMetrics`' shop): every SKU starts with the
/// scenario's `initial_stock_per_sku` units and each order sells one. A
/// retried order repeats its id and is counted once. The level is a count
/// over arrivals, so a reading carries the newest order time seen for its
/// SKU: readings never go back in time, and the function's "ignore an older
/// reading" rule cannot drop a real sale.
struct StockReadings: StreamOperator {
    typealias Output = InventoryAlertFunction.Alert
    var alerts: KeyedProcessOperator<InventoryAlertFunction>
    let orderKind: UInt16
    let initialStock: Double
    private var levels: [Int32: Double] = [:]
    private var newest: [Int32: Instant] = [:]
    private var seenIDs: Set<UInt64> = []

    init(alerts: KeyedProcessOperator<InventoryAlertFunction>, orderKind: UInt16, initialStock: Double) {
        self.alerts = alerts
        self.orderKind = orderKind
        self.initialStock = initialStock
    }

    mutating func process(_ event: Event, context: inout OperatorContext<Output>) {
        guard event.kind == orderKind, seenIDs.insert(event.id).inserted else { return }
        let level = (levels[event.key] ?? initialStock) - 1
        levels[event.key] = level
        let time = max(newest[event.key] ?? .min, event.eventTime)
        newest[event.key] = time
        var reading = event
        reading.value = level
        reading.eventTime = time
        alerts.process(reading, context: &context)
    }

    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Output>) {
        alerts.advanceWatermark(to: watermark, context: &context)
    }

    mutating func advanceProcessingTime(to time: Instant, context: inout OperatorContext<Output>) {
        alerts.advanceProcessingTime(to: time, context: &context)
    }

    /// The repeat alerts' timers, so the engines fire them on time.
    mutating func nextProcessingTimeTimer() -> Instant? { alerts.nextProcessingTimeTimer() }
}

extension JobRunner {
    /// Inventory alerts on TheWorldShop: `InventoryAlertFunction` (below 10
    /// units, repeated every 2 minutes while low) over `StockReadings`. The
    /// oracle's crossing time of a SKU is the event time of the order, in
    /// event-time order, that took it below the threshold; latency and the
    /// 2-minute deadline are measured from it.
    static func inventoryAlert(_ setup: Setup) throws(InputError) -> (JobResult, Observed<InventoryAlertFunction.Alert>) {
        let orderKind = try setup.kind("order", for: .inventoryAlert)
        let initial = setup.scenario.parameter("initial_stock_per_sku") ?? 1_000
        let function = InventoryAlertFunction()
        let op = StockReadings(
            alerts: setup.keyed(function), orderKind: orderKind, initialStock: initial)
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.alerts.keyCount }, tag: { output, _ in output })
        let alerts = observed.run.outputs
        let crossings = oracleCrossings(setup.events, orderKind: orderKind, initialStock: initial, threshold: function.threshold)
        var firstAlert: [Int32: Instant] = [:]
        for alert in alerts where alert.output.reason == .fellBelowThreshold && firstAlert[alert.output.key] == nil {
            firstAlert[alert.output.key] = alert.processingTime
        }
        let difference = multisetDifference(engine: firstAlert.keys.sorted(), oracle: crossings.map(\.key))
        let latencies = crossings.compactMap { crossing in firstAlert[crossing.key].map { ($0 - crossing.time).micros } }
        let deadline = function.alertInterval
        let inTime = latencies.filter { $0 <= deadline.micros }.count
        let repeats = alerts.filter { $0.output.reason == .stillBelowThreshold }.count
        let result = JobResult(
            summary: "inventory-alert: stock starts at \(Int(initial)) units per SKU, each order sells one; alert below \(Int(function.threshold)) units, repeat every \(deadline.micros / 60_000_000) min while low (InventoryAlertFunction)",
            resultNoun: "alerts", resultCount: alerts.count,
            rows: alerts.map { emitted in
                let alert = emitted.output
                let reason = alert.reason == .fellBelowThreshold ? "fell below" : "still below"
                return "\(setup.scenario.keyName(alert.key)) \(reason) \(Int(function.threshold)): \(Int(alert.level)) units at \(clockText(alert.readingTime)), alerted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: latencies,
            latencyMeaning: "from the order that truly took the SKU below the threshold to its first alert",
            oracleCount: crossings.count, comparedNoun: "SKUs below the threshold", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(crossings.count) SKUs fell below \(Int(function.threshold)) units; \(inTime) alerted within \(deadline.micros / 60_000_000) minutes of simulated time;"
                    + " \(repeats) repeat alerts while stock stayed low"
            ],
            stateNoun: "SKUs with stock state")
        return (result, observed)
    }

    /// Per SKU, the event time at which the exact level (initial minus the
    /// distinct orders so far, in event-time order) first fell below the
    /// threshold. Sorted by key.
    static func oracleCrossings(
        _ events: [Event], orderKind: UInt16, initialStock: Double, threshold: Double
    ) -> [(key: Int32, time: Instant)] {
        var seen: Set<UInt64> = []
        var byKey: [Int32: [Instant]] = [:]
        for event in events where event.kind == orderKind && seen.insert(event.id).inserted {
            byKey[event.key, default: []].append(event.eventTime)
        }
        var crossings: [(key: Int32, time: Instant)] = []
        for key in byKey.keys.sorted() {
            let times = byKey[key]!.sorted()
            // Level after the k-th order is initial - k; below the threshold once k > initial - threshold.
            let needed = Int((initialStock - threshold).rounded(.down)) + 1
            if needed >= 1 && times.count >= needed { crossings.append((key, times[needed - 1])) }
        }
        return crossings
    }
}
