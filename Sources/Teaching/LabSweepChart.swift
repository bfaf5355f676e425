/// An SVG chart of a sweep of `LatencyCompletenessLab` over one setting (the
/// watermark delay in lesson 03, the trigger interval in lesson 02), drawn
/// from the same runs exercise 10 grades. Completeness on the left axis, p95
/// latency on the right, the exercise's targets as dashed lines.
/// Fixed-point coordinates only, so the same sweep gives byte-identical SVG.
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

    static let width = 640.0, height = 360.0, left = 60.0, right = 60.0, top = 40.0, bottom = 50.0

    /// `title` names the fixed setting; `settingName` labels the x axis.
    public static func render(_ points: [Point], title: String, settingName: String) -> String {
        let delays = points.map(\.settingSeconds)
        let xMax = max(1, delays.max() ?? 1)
        let latencies = points.map { Double($0.result.latencyP95Micros) / 1e6 }
        let latencyMax = max(35, (latencies.max() ?? 0) * 1.1)
        let completenessMin = min(0.98, (points.map(\.result.completeness).min() ?? 1) - 0.002)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ value: Double) -> String { fixed(left + value / xMax * plotWidth) }
        func yCompleteness(_ value: Double) -> String { fixed(top + (1 - (value - completenessMin) / (1 - completenessMin)) * plotHeight) }
        func yLatency(_ value: Double) -> String { fixed(top + (1 - value / latencyMax) * plotHeight) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(fixed(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"13\">\(title)</text>\n"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(fixed(top + plotHeight))\" x2=\"\(fixed(left + plotWidth))\" y2=\"\(fixed(top + plotHeight))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(fixed(top))\" x2=\"\(fixed(left))\" y2=\"\(fixed(top + plotHeight))\" stroke=\"#1f77b4\"/>\n"
        svg += "<line x1=\"\(fixed(left + plotWidth))\" y1=\"\(fixed(top))\" x2=\"\(fixed(left + plotWidth))\" y2=\"\(fixed(top + plotHeight))\" stroke=\"#d62728\"/>\n"
        for tick in 0...4 {
            let delay = xMax * Double(tick) / 4
            let completeness = completenessMin + (1 - completenessMin) * Double(tick) / 4
            let latency = latencyMax * Double(tick) / 4
            svg += "<text x=\"\(x(delay))\" y=\"\(fixed(top + plotHeight + 15))\" text-anchor=\"middle\">\(LabFormat.number(delay.rounded()))</text>\n"
            svg += "<text x=\"\(fixed(left - 5))\" y=\"\(yCompleteness(completeness))\" text-anchor=\"end\" fill=\"#1f77b4\">\(LabFormat.percent(completeness))</text>\n"
            svg += "<text x=\"\(fixed(left + plotWidth + 5))\" y=\"\(yLatency(latency))\" fill=\"#d62728\">\(LabFormat.number(latency.rounded())) s</text>\n"
        }
        svg += "<text x=\"\(fixed(left + plotWidth / 2))\" y=\"\(fixed(height - 12))\" text-anchor=\"middle\">\(settingName) (s)</text>\n"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(yCompleteness(0.99))\" x2=\"\(fixed(left + plotWidth))\" y2=\"\(yCompleteness(0.99))\" stroke=\"#1f77b4\" stroke-dasharray=\"4 3\"/>\n"
        svg += "<line x1=\"\(fixed(left))\" y1=\"\(yLatency(30))\" x2=\"\(fixed(left + plotWidth))\" y2=\"\(yLatency(30))\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>\n"
        let completenessPath = points.map { "\(x($0.settingSeconds)),\(yCompleteness($0.result.completeness))" }.joined(separator: " ")
        let latencyPath = zip(points, latencies).map { "\(x($0.settingSeconds)),\(yLatency($1))" }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"\(completenessPath)\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"\(latencyPath)\"/>\n"
        svg += "<text x=\"\(fixed(left + 8))\" y=\"\(fixed(top + 12))\" fill=\"#1f77b4\">completeness (target 99%, dashed)</text>\n"
        svg += "<text x=\"\(fixed(left + plotWidth - 8))\" y=\"\(fixed(top + 12))\" text-anchor=\"end\" fill=\"#d62728\">p95 latency (target 30 s, dashed)</text>\n"
        return svg + "</svg>\n"
    }

    /// Two decimals, computed on integers so no locale or float printing leaks in.
    static func fixed(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
