import SVGCharts

/// The chart of a sweep of `LatencyCompletenessLab` over one setting (the
/// watermark delay in lesson 03, the trigger interval in lesson 02), drawn
/// from the same runs exercise 10 grades: completeness on the left axis, p95
/// latency on the right, the exercise's two targets as dashed guides. Drawn
/// by the shared `SVGChart`, so the same sweep gives byte-identical SVG.
public enum LabSweepChart {
    public struct Point: Sendable {
        /// The swept setting, in seconds.
        public var settingSeconds: Double
        public var result: LatencyCompletenessLab.Result
        public init(settingSeconds: Double, result: LatencyCompletenessLab.Result) {
            self.settingSeconds = settingSeconds
            self.result = result
        }
    }

    /// `title` names the fixed setting; `settingName` labels the x axis.
    public static func render(_ points: [Point], title: String, settingName: String) -> String {
        let latencies = points.map { Double($0.result.latencyP95Micros) / 1e6 }
        let completeness = SVGChart.Series(name: "completeness (left axis)", points: points.map { ($0.settingSeconds, $0.result.completeness) })
        let latency = SVGChart.Series(name: "p95 latency (right axis)",
                                      points: zip(points, latencies).map { ($0.settingSeconds, $1) }, axis: .right)
        var chart = SVGChart(title: title, xLabel: "\(settingName) (s)", yLabel: "completeness", series: [completeness, latency])
        // The left axis starts just under the worst completeness (at most 98%)
        // so the 99% target sits well inside the plot; the right axis always
        // shows the 30 s target.
        chart.yMinimum = min(0.98, (points.map(\.result.completeness).min() ?? 1) - 0.002)
        chart.yMaximum = 1
        chart.yTickLabel = LabFormat.percent
        chart.rightAxis = .init(label: "p95 latency (s)", minimum: 0, maximum: max(35, (latencies.max() ?? 0) * 1.1),
                                tickLabel: { "\(LabFormat.number($0.rounded())) s" })
        chart.xTickValues = points.map(\.settingSeconds)
        chart.xTickLabel = LabFormat.number
        let completenessTarget = LabSettingsGrader.completenessTarget
        let latencyTargetSeconds = Double(LabSettingsGrader.latencyTargetP95Micros) / 1e6
        chart.guides = [
            .init(y: completenessTarget, axis: .left, seriesIndex: 0, label: "target: completeness ≥ \(LabFormat.percent(completenessTarget))"),
            .init(y: latencyTargetSeconds, axis: .right, seriesIndex: 1, label: "target: p95 ≤ \(LabFormat.number(latencyTargetSeconds)) s"),
        ]
        return chart.render()
    }
}
