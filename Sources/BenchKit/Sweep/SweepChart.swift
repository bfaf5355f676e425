import SimKernel
import SVGCharts

/// The sweep's chart, drawn by the shared `SVGChart`: against the watermark
/// delay (x), each engine × trigger interval gets two lines, averaged over
/// seeds: mean emission latency on the left axis, and late events dropped on
/// the right. Together they show the watermark trade-off (Spark: a row is
/// late when `window.end <= watermark`; Flink: when `ts + allowedLateness <=
/// watermark`): a longer delay drops fewer events and emits later. Series
/// follow the grid's order and coordinates are fixed-point, so the same
/// results give the same bytes.
public enum SweepChart {
    /// One (latency, dropped late) pair of series per engine × trigger interval.
    static func series(_ grid: SweepGrid, _ results: [SweepResult]) -> [SVGChart.Series] {
        var latencies: [SVGChart.Series] = [], drops: [SVGChart.Series] = []
        for engine in grid.engines {
            for trigger in grid.triggerIntervalsMillis {
                var latency: [(x: Double, y: Double)] = [], dropped: [(x: Double, y: Double)] = []
                for delay in grid.watermarkDelaysMillis {
                    let matching = results.filter {
                        $0.cell.engine == engine && $0.cell.triggerIntervalMillis == trigger && $0.cell.watermarkDelayMillis == delay
                    }
                    guard !matching.isEmpty else { continue }
                    let count = Double(matching.count)
                    latency.append((Double(delay), matching.map(\.latencyMeanMillis).reduce(0, +) / count))
                    dropped.append((Double(delay), Double(matching.map(\.droppedLate).reduce(0, +)) / count))
                }
                let name = "\(engine.rawValue), \(engine == .record ? "watermark every" : "trigger") \(trigger) ms"
                var drop = SVGChart.Series(name: "\(name): dropped late (right)", points: dropped, axis: .right)
                drop.colorIndex = latencies.count
                drop.dashed = true
                latencies.append(SVGChart.Series(name: "\(name): mean latency", points: latency))
                drops.append(drop)
            }
        }
        return latencies + drops
    }

    public static func render(_ grid: SweepGrid, _ results: [SweepResult]) -> String {
        let all = series(grid, results)
        var chart = SVGChart(
            title: "\(grid.scenarioName): latency and late drops by watermark delay", xLabel: "watermark delay (ms)",
            yLabel: "mean emission latency (ms)", series: all)
        chart.yMinimum = 0
        let droppedMax = all.filter { $0.axis == .right }.flatMap { $0.points.map(\.y) }.max() ?? 0
        chart.rightAxis = .init(label: "late events dropped", minimum: 0, maximum: Swift.max(4, droppedMax * 1.05),
                                tickLabel: { FixedDecimal.format($0, places: 0) })
        // Ticks at the delays the grid ran, so each point sits on a labelled tick.
        chart.xTickValues = grid.watermarkDelaysMillis.map(Double.init)
        chart.xTickLabel = { FixedDecimal.format($0, places: 0) }
        return chart.render()
    }
}
