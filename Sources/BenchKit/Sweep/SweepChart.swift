import Foundation

/// A small, deterministic SVG line chart of a sweep: mean emission latency
/// (y) against watermark delay (x), one line per engine × trigger interval,
/// averaged over seeds. Coordinates use fixed two-decimal formatting and
/// series follow the grid's order, so the same results give the same bytes.
public enum SweepChart {
    static let width = 720.0, height = 420.0
    static let left = 70.0, right = 190.0, top = 30.0, bottom = 50.0
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    struct Series {
        var label: String
        var points: [(x: Double, y: Double)]
    }

    static func series(_ grid: SweepGrid, _ results: [SweepResult]) -> [Series] {
        var all: [Series] = []
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
                all.append(Series(label: "\(engine.rawValue), \(triggerName) \(trigger) ms", points: points))
            }
        }
        return all
    }

    public static func render(_ grid: SweepGrid, _ results: [SweepResult]) -> String {
        let all = series(grid, results)
        let xs = all.flatMap { $0.points.map(\.x) }, ys = all.flatMap { $0.points.map(\.y) }
        let xMin = xs.min() ?? 0, xMax = Swift.max(xs.max() ?? 1, xMin + 1)
        let yMax = Swift.max(ys.max() ?? 1, 1) * 1.1
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> String { f(left + (x - xMin) / (xMax - xMin) * plotWidth) }
        func py(_ y: Double) -> String { f(top + plotHeight - y / yMax * plotHeight) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(escape(grid.scenarioName)): mean emission latency by watermark delay</title>\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        for step in 0...4 {
            let y = yMax * Double(step) / 4
            svg += "<text x=\"\(f(left - 6))\" y=\"\(py(y))\" text-anchor=\"end\">\(f(y))</text>\n"
        }
        for delay in grid.watermarkDelaysMillis {
            svg += "<text x=\"\(px(Double(delay)))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\">\(delay)</text>\n"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">watermark delay (ms)</text>\n"
        svg += "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">mean latency (ms)</text>\n"
        for (index, line) in all.enumerated() {
            let color = palette[index % palette.count]
            let points = line.points.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
            let legendY = top + 16 * Double(index)
            svg += "<rect x=\"\(f(width - right + 10))\" y=\"\(f(legendY))\" width=\"12\" height=\"3\" fill=\"\(color)\"/>\n"
            svg += "<text x=\"\(f(width - right + 28))\" y=\"\(f(legendY + 5))\">\(escape(line.label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func f(_ value: Double) -> String { FixedDecimal.format(value, places: 2) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
