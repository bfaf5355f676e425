import SVGCharts

/// The five charts of a compare report, as SVG text keyed by file name.
public enum ReportCharts {
    public static func all(_ report: CompareReport) -> [(file: String, svg: String)] {
        func series(_ list: [CompareReport.Series]) -> [SVGChart.Series] {
            list.map { SVGChart.Series(name: $0.name, points: $0.points.map { ($0.x, $0.y) }) }
        }
        var cdf = SVGChart(title: "Event-time latency CDF (exactly-once runs)", xLabel: "latency (log scale)",
                           yLabel: "fraction of outputs", series: series(report.latencyCDF))
        // Log scale: the nightly batch's hours and the streaming engines'
        // milliseconds must both be readable on one chart.
        cdf.xLogScale = true
        cdf.xTickLabel = durationLabel(milliseconds:)
        cdf.yMinimum = 0
        cdf.yMaximum = 1
        let trigger = SVGChart(title: "Latency against trigger interval", xLabel: "micro-batch trigger interval (ms)",
                               yLabel: "event-time latency (ms)", series: series(report.latencyVersusTrigger))
        var completeness = SVGChart(title: "Window completeness against watermark delay", xLabel: "watermark delay (ms)",
                                    yLabel: "fraction of windows correct", series: series(report.completenessVersusWatermark))
        // Completeness only moves near 1: start the axis just below the data.
        completeness.yIncludesZero = false
        completeness.yMaximum = 1
        // The nightly batch reads nothing until its run, so its lag is the
        // whole stream for a day; drawn beside it, the streaming engines'
        // lag under the surge would be a flat line at zero. report.json keeps
        // every series.
        // (`batch` is the delivery profiles' one batch-model engine.)
        let withoutBatch = report.lagUnderBurst.filter { !$0.name.hasPrefix("batch/") }
        let streaming = withoutBatch.isEmpty ? report.lagUnderBurst : withoutBatch
        let lag = SVGChart(title: "Consumer lag under the burst (streaming engines, at-least-once)",
                           xLabel: "time since first event (s)", yLabel: "records not yet read", series: series(streaming))
        return [("latency-cdf.svg", cdf.render()), ("latency-vs-trigger.svg", trigger.render()),
                ("completeness-vs-watermark.svg", completeness.render()), ("crash-timeline.svg", timeline(report).render()),
                ("consumer-lag.svg", lag.render())]
    }

    /// A decade of milliseconds as a duration a reader knows: 10 ms, 1 s,
    /// 16.7 min, 27.8 h.
    static func durationLabel(milliseconds value: Double) -> String {
        func short(_ number: Double) -> String { SVGChart.tickLabel((number * 10).rounded() / 10) }
        if value < 1_000 { return "\(short(value)) ms" }
        if value < 60_000 { return "\(short(value / 1_000)) s" }
        if value < 3_600_000 { return "\(short(value / 60_000)) min" }
        return "\(short(value / 3_600_000)) h"
    }

    /// One row per run that crashed: dots for lost inputs (red) and duplicated
    /// outputs (orange), dashed lines at the crashes.
    static func timeline(_ report: CompareReport) -> SVGChart {
        var lost: [(x: Double, y: Double)] = [], duplicated: [(x: Double, y: Double)] = [], crashes: [(x: Double, y: Double)] = []
        let runs = report.timelineMarks.map(\.run)
        for (index, marks) in report.timelineMarks.enumerated() {
            let y = Double(index + 1)
            lost += thin(marks.lostSeconds).map { ($0, y - 0.15) }
            duplicated += thin(marks.duplicatedSeconds).map { ($0, y + 0.15) }
            crashes += report.crashTimeline.filter { $0.run == marks.run }.map { ($0.crashSeconds, y) }
        }
        var chart = SVGChart(
            title: "Crash timeline: crashes, lost inputs and duplicated outputs per run",
            xLabel: "time since first event (s)", yLabel: "",
            series: [.init(name: "crash", points: crashes, dots: true), .init(name: "lost input", points: lost, dots: true),
                     .init(name: "duplicated output", points: duplicated, dots: true)])
        chart.yMinimum = 0
        chart.yMaximum = Double(runs.count + 1)
        chart.yTickNames = runs.enumerated().map { (Double($0.offset + 1), $0.element) }
        chart.leftMargin = 250
        return chart
    }

    /// At most one dot per distinct 0.1 s, so a big loss stays a readable file.
    static func thin(_ seconds: [Double]) -> [Double] {
        var seen = Set<Int64>()
        return seconds.filter { seen.insert(Int64(($0 * 10).rounded())).inserted }
    }
}
