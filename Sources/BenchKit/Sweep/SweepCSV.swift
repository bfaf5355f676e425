/// The sweep's CSV: one row per cell, in grid order, with fixed number
/// formatting (three decimals for milliseconds), so equal results give
/// equal bytes.
public enum SweepCSV {
    public static let header =
        "engine,trigger_interval_ms,watermark_delay_ms,seed,events,rows,dropped_late,batches,latency_mean_ms,latency_max_ms"

    public static func render(_ results: [SweepResult]) -> String {
        var text = header + "\n"
        for result in results {
            let cell = result.cell
            let fields: [String] = [
                cell.engine.rawValue, String(cell.triggerIntervalMillis), String(cell.watermarkDelayMillis), String(cell.seed),
                String(result.events), String(result.rows), String(result.droppedLate), String(result.batches),
                FixedDecimal.format(result.latencyMeanMillis, places: 3), FixedDecimal.format(result.latencyMaxMillis, places: 3),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}

/// Fixed-point formatting without Foundation or locale: rounds half away
/// from zero to `places` decimals. Deterministic across platforms.
public enum FixedDecimal {
    public static func format(_ value: Double, places: Int) -> String {
        precondition(places >= 0 && places <= 9, "places out of range")
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let units = Int64(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        let whole = String(units / scale)
        guard places > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
