import SimKernel

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
