import SimKernel
import SVGCharts

/// The sweep's chart: mean emission latency (y) against watermark delay (x),
/// one line per engine × trigger interval, averaged over seeds, drawn by the
/// shared `SVGChart` (fixed-point coordinates, series in the grid's order),
/// so the same results give the same bytes.
public enum SweepChart {
    static func series(_ grid: SweepGrid, _ results: [SweepResult]) -> [SVGChart.Series] {
        var all: [SVGChart.Series] = []
        for engine in grid.engines {
            for trigger in grid.triggerIntervalsMillis {
                var points: [(x: Double, y: Double)] = []
                for delay in grid.watermarkDelaysMillis {
                    let matching = results.filter {
                        $0.cell.engine == engine && $0.cell.triggerIntervalMillis == trigger && $0.cell.watermarkDelayMillis == delay
                    }
                    guard !matching.isEmpty else { continue }
                    let mean = matching.map(\.latencyMeanMillis).reduce(0, +) / Double(matching.count)
                    points.append((Double(delay), mean))
                }
                let triggerName = engine == .record ? "watermark every" : "trigger"
                all.append(SVGChart.Series(name: "\(engine.rawValue), \(triggerName) \(trigger) ms", points: points))
            }
        }
        return all
    }

    public static func render(_ grid: SweepGrid, _ results: [SweepResult]) -> String {
        var chart = SVGChart(
            title: "\(grid.scenarioName): mean emission latency by watermark delay", xLabel: "watermark delay (ms)",
            yLabel: "mean latency (ms)", series: series(grid, results))
        chart.yMinimum = 0
        // Ticks at the delays the grid ran, so each point sits on a labelled tick.
        chart.xTickValues = grid.watermarkDelaysMillis.map(Double.init)
        chart.xTickLabel = { FixedDecimal.format($0, places: 0) }
        return chart.render()
    }
}
