// Exercise 05 checks: replay readings, compare the alerts (SKU, time) with
// the rule, and check the 2-minute deadline.
struct Alert: Equatable, CustomStringConvertible {
    var sku: String
    var atMicros: Int64
    var description: String { "\(sku)@\(Clock.text(atMicros))" }
}

func reading(_ id: Int, _ sku: String, _ units: Int, minute: Int64, second: Int64 = 0) -> ShopEvent {
    ShopEvent(id: id, key: sku, value: units, eventTimeMicros: Clock.at(23, minute, second))
}

func expectedAlerts(_ readings: [ShopEvent], threshold: Int) -> [Alert] {
    var low: Set<String> = []
    var alerts: [Alert] = []
    for r in readings {
        if r.value <= threshold {
            if !low.contains(r.key) { alerts.append(Alert(sku: r.key, atMicros: r.arrivalTimeMicros)); low.insert(r.key) }
        } else {
            low.remove(r.key)
        }
    }
    return alerts
}

func checkAlerts(_ readings: [ShopEvent], threshold: Int) -> String? {
    var function = InventoryAlert(thresholdUnits: threshold)
    var actual: [Alert] = []
    for r in readings { actual += function.process(r).map { Alert(sku: $0, atMicros: r.arrivalTimeMicros) } }
    let expected = expectedAlerts(readings, threshold: threshold)
    if actual == expected { return nil }
    let shown = "threshold \(threshold): alerts \(actual), expected \(expected)"
    for e in expected {
        if let late = actual.first(where: { $0.sku == e.sku && $0.atMicros > e.atMicros }), !actual.contains(e),
           late.atMicros - e.atMicros > 2 * Clock.minuteMicros {
            let minutes = (late.atMicros - e.atMicros) / Clock.minuteMicros
            return "alert too late: \(e.sku) crossed the threshold at \(Clock.text(e.atMicros)) but the alert came \(minutes) min later; it must come within 2 minutes, so alert as the reading arrives, not in a periodic batch; \(shown)"
        }
    }
    if actual.count > expected.count {
        return "repeated alerts: alert once per drop and re-arm only when the stock goes back above the threshold; \(shown)"
    }
    for e in expected where !actual.contains(e) {
        let crossing = readings.first { $0.key == e.sku && $0.arrivalTimeMicros == e.atMicros }
        if crossing?.value == threshold {
            return "`<` instead of `<=`: \(e.sku) fell to exactly \(threshold) units at \(Clock.text(e.atMicros)); a stock AT the threshold must alert; \(shown)"
        }
        return "no alert within 2 minutes: \(e.sku) fell to \(crossing?.value ?? 0) units (threshold \(threshold)) at \(Clock.text(e.atMicros)) and no alert came before the stream ended; alert from the same process call, do not buffer; \(shown)"
    }
    return "wrong alerts: \(shown)"
}
