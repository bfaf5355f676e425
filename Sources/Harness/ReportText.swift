import Delivery
import SimKernel

/// The triad table printed by `streamlab compare` (and saved as table.txt).
public enum ReportText {
    public static func table(_ report: CompareReport) -> String {
        let header = ["engine", "guarantee", "events/s", "ET p50 ms", "ET p99 ms", "PT p99 ms", "lost", "dup",
                      "windows ok/wrong/miss", "crashes", "recovery s", "oversold",
                      "busy core-h/day", "held core-h/day"]
        var lines: [[String]] = [header]
        for row in report.rows {
            let metrics = row.metrics, correctness = metrics.correctness
            lines.append([
                metrics.engine, metrics.guarantee, formatFixed(metrics.throughputEventsPerSecond, digits: 1),
                formatFixed(Double(metrics.eventTimeLatency.p50Micros) / 1_000, digits: 1),
                formatFixed(Double(metrics.eventTimeLatency.p99Micros) / 1_000, digits: 1),
                formatFixed(Double(metrics.processingTimeLatency.p99Micros) / 1_000, digits: 1),
                "\(correctness.eventsLost)", "\(correctness.eventsDuplicated)",
                "\(correctness.windowsCorrect)/\(correctness.windowsWrong)/\(correctness.windowsMissing)",
                "\(metrics.crashCount)", formatFixed(Double(metrics.meanRecoveryMicros) / 1_000_000, digits: 1),
                "\(row.business.unitsOversold)",
                formatFixed(metrics.resources.busyCoreHoursPerDay, digits: 3),
                formatFixed(metrics.resources.reservedCoreHoursPerDay, digits: 3),
            ])
        }
        var text = TextColumns.align(lines)
        text += notOfferedFootnotes(report.notOffered)
        if !report.sustainable.isEmpty {
            text += "\nsustainable throughput (Karimov et al.): "
            text += report.sustainable.map {
                "\($0.engine) \($0.isLowerBound ? ">= " : "")\(formatFixed($0.eventsPerSecond, digits: 0)) events/s"
            }.joined(separator: ", ") + "\n"
        }
        for claim in report.claims {
            text += "\(claim.verdict.rawValue): \(claim.name): \(claim.figures)\n"
        }
        return text
    }

    /// One line per system that lacks a guarantee asked for, naming the
    /// modes it does offer (the rows are left out of the table).
    static func notOfferedFootnotes(_ pairs: [CompareReport.NotOffered]) -> String {
        var engines: [String] = []
        for pair in pairs where !engines.contains(pair.engine) { engines.append(pair.engine) }
        return engines.map { engine in
            let missing = pairs.filter { $0.engine == engine }
            let offers = missing[0].reason.components(separatedBy: "; it offers ").last ?? ""
            return "* \(engine) does not offer \(missing.map(\.guarantee).joined(separator: " or ")) (row left out); it offers \(offers)\n"
        }.joined()
    }

    /// One line per row, for results.csv.
    public static func csv(_ report: CompareReport) -> String {
        var text = "engine,guarantee,crash_plan,input_events,throughput_events_per_s,et_p50_us,et_p95_us,et_p99_us,et_max_us,"
            + "pt_p50_us,pt_p95_us,pt_p99_us,pt_max_us,window_et_p50_us,events_lost,events_duplicated,event_values_wrong,"
            + "windows_correct,windows_wrong,windows_missing,windows_duplicated,crashes,mean_recovery_us,max_lag_records,"
            + "units_oversold,skus_stale,stale_in_stock_max_us,decisions_before_clearing,dashboard_staleness_mean_us,"
            + "busy_core_hours_per_day,reserved_core_hours_per_day\n"
        for row in report.rows {
            let m = row.metrics, c = m.correctness, b = row.business
            let fields: [String] = [
                m.engine, m.guarantee, m.crashPlan, "\(m.inputEvents)", formatFixed(m.throughputEventsPerSecond, digits: 3),
                "\(m.eventTimeLatency.p50Micros)", "\(m.eventTimeLatency.p95Micros)", "\(m.eventTimeLatency.p99Micros)", "\(m.eventTimeLatency.maxMicros)",
                "\(m.processingTimeLatency.p50Micros)", "\(m.processingTimeLatency.p95Micros)", "\(m.processingTimeLatency.p99Micros)",
                "\(m.processingTimeLatency.maxMicros)", "\(m.windowEventTimeLatency.p50Micros)",
                "\(c.eventsLost)", "\(c.eventsDuplicated)", "\(c.eventValuesWrong)", "\(c.windowsCorrect)", "\(c.windowsWrong)",
                "\(c.windowsMissing)", "\(c.windowsDuplicated)", "\(m.crashCount)", "\(m.meanRecoveryMicros)", "\(m.maxLagRecords)",
                "\(b.unitsOversold)", "\(b.skusShownInStockWhileSoldOut)", "\(b.staleInStockMaxMicros)",
                formatFixed(b.decisionsBeforeClearingFraction, digits: 4), "\(b.dashboardStalenessMeanMicros)",
                formatFixed(m.resources.busyCoreHoursPerDay, digits: 6), formatFixed(m.resources.reservedCoreHoursPerDay, digits: 6),
            ]
            text += fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        }
        return text
    }
}
