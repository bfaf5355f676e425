import SimKernel

extension CalibrationCheck {
    /// The check as printed: each prediction next to its measurement, the
    /// relative error, and whether it is within its bound.
    public var text: String {
        var lines = [
            "streamlab calibrate --check: \(data.file)",
            "real engines: Spark \(data.sparkVersion), Flink \(data.flinkVersion) on \(data.machine)",
            "workload: \(data.workload.scenario) seed \(data.workload.seed), \(data.workload.keyCount) keys, "
                + "\(data.workload.windowMicros / 1_000) ms tumbling count, watermark delay \(data.workload.watermarkDelayMicros / 1_000) ms",
        ]
        let runs = data.measurements.map(\.runs.count)
        if let most = runs.max(), most > 1 {
            let counts = runs.min() == most ? "\(most)" : "\(runs.min()!)–\(most)"
            lines.append("each latency: the median of \(counts) runs of the real engine, and of the lab replaying each run's clocks")
        }
        lines += ["", "processing-time latency after the window closes, ms: lab / real (error)"]
        let width = (comparisons.map(\.id.count).max() ?? 0) + 2
        for comparison in comparisons where comparison.quantity != "throughput" {
            lines.append(row(comparison, width: width, unit: "ms"))
        }
        if comparisons.contains(where: { $0.quantity == "throughput" }) {
            lines.append("")
            lines.append("sustainable throughput, events/s: lab / real (error)")
            for comparison in comparisons where comparison.quantity == "throughput" {
                lines.append(row(comparison, width: width, unit: "/s"))
            }
        }
        lines.append("")
        let within = comparisons.count - failures.count
        lines.append("\(within) of \(comparisons.count) predictions within their bounds "
            + "(latency: 25 %, or 20 ms where the measurement is under 80 ms; throughput: 30 %)")
        return lines.joined(separator: "\n") + "\n"
    }

    func row(_ comparison: Comparison, width: Int, unit: String) -> String {
        let name = comparison.id.padding(toLength: width, withPad: " ", startingAt: 0)
        let quantity = comparison.quantity == "throughput" ? "" : comparison.quantity + "  "
        if let reason = comparison.unsupported {
            return "\(name)\(quantity)not predicted: \(reason)"
        }
        let digits = unit == "ms" ? 1 : 0
        let measured = FixedDecimal.format(comparison.measured, places: digits) + (comparison.isLowerBound ? "+" : "")
        let error = FixedDecimal.format(comparison.relativeError * 100, places: 1)
        let verdict = comparison.withinBound ? "ok" : "OUTSIDE BOUND"
        return "\(name)\(quantity)\(FixedDecimal.format(comparison.predicted, places: digits)) / \(measured) (\(error) %)  \(verdict)"
    }
}
