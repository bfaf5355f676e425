/// Renders notebook check reports as the deterministic text the CLI prints.
public enum NotebookReportText {
    public static func render(_ reports: [NotebookChecker.Report]) -> String {
        var lines: [String] = []
        for report in reports {
            if report.failures.isEmpty {
                lines.append("ok      \(report.path) (\(report.cellCount) cells)")
                continue
            }
            let verb = report.blessed ? "blessed" : "FAILED "
            lines.append("\(verb) \(report.path) (\(report.cellCount) cells, \(report.failures.count) differing commands)")
            guard !report.blessed else { continue }
            for failure in report.failures {
                lines.append("cell \(failure.cellNumber) (line \(failure.fenceLine)): $ \(failure.command)")
                lines += failure.diff
            }
        }
        let cells = reports.reduce(0) { $0 + $1.cellCount }
        let failed = reports.filter { !$0.failures.isEmpty && !$0.blessed }.count
        let blessed = reports.filter(\.blessed).count
        var summary = "\(reports.count) notebooks, \(cells) cells: \(failed) notebooks differ"
        if blessed > 0 { summary += ", \(blessed) blessed" }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }
}
