import Foundation
import SimKernel

/// The one SVG chart writer of StreamLab: compare reports (Harness), sweep
/// charts (BenchKit) and the lab sweeps of lessons 02 and 03 (Teaching) all
/// draw with it. It sits in its own small module above SimKernel so that all
/// three can import it without an import pointing up the layering.
///
/// A fixed-size line chart: a linear or base-10 logarithmic x axis, one
/// polyline (or dots) per series, a legend, optional vertical markers,
/// horizontal guides (targets), named y ticks and an optional second y axis
/// on the right for a series in other units.
///
/// Deterministic by construction: every coordinate is written by
/// `FixedDecimal` (no locale, no exponent), series keep their given order,
/// and nothing depends on time or hashing, so the same data gives a
/// byte-identical file.
public struct SVGChart {
    /// Which y axis a series or guide is measured against.
    public enum Axis: Sendable { case left, right }

    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Draw dots instead of a line (for event markers).
        public var dots: Bool
        public var axis: Axis
        /// A dashed line, so two series about one subject (an engine's
        /// latency and its drops) can share a colour and still be told apart.
        public var dashed = false
        /// The palette entry to draw with; by default the series' position.
        public var colorIndex: Int? = nil

        public init(name: String, points: [(x: Double, y: Double)], dots: Bool = false, axis: Axis = .left) {
            self.name = name
            self.points = points
            self.dots = dots
            self.axis = axis
        }
    }

    /// A dashed vertical line at `x` (a crash, a deploy).
    public struct Marker {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) { self.x = x; self.label = label }
    }

    /// A dashed horizontal line at `y` on one axis (a target such as
    /// "completeness ≥ 99%"), drawn in the colour of the series at
    /// `seriesIndex` so the reader sees which line must stay above or below it.
    public struct Guide {
        public var y: Double
        public var axis: Axis
        public var seriesIndex: Int
        public var label: String
        public init(y: Double, axis: Axis = .left, seriesIndex: Int, label: String) {
            self.y = y; self.axis = axis; self.seriesIndex = seriesIndex; self.label = label
        }
    }

    /// A second y axis on the right, with its own fixed range and tick text,
    /// for a series whose units differ from the left axis's.
    public struct RightAxis {
        public var label: String
        public var minimum: Double
        public var maximum: Double
        public var tickLabel: (Double) -> String
        public init(label: String, minimum: Double, maximum: Double, tickLabel: @escaping (Double) -> String = SVGChart.tickLabel) {
            self.label = label; self.minimum = minimum; self.maximum = maximum; self.tickLabel = tickLabel
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var markers: [Marker] = []
    public var guides: [Guide] = []
    public var yMinimum: Double? = nil
    public var yMaximum: Double? = nil
    /// Whether an automatic y range starts at 0 (counts, latencies). A
    /// fraction that only moves between 0.98 and 1 wants `false`: the axis
    /// then starts at a nice value just below the data.
    public var yIncludesZero = true
    /// A log10 x axis, for quantities spanning decades (a latency CDF where a
    /// nightly batch sits beside millisecond streaming). Values below
    /// `logFloor` are drawn at the floor.
    public var xLogScale = false
    public var logFloor = 1.0
    /// Ticks at these x values (the settings a sweep ran) instead of five
    /// even steps or the powers of ten.
    public var xTickValues: [Double]? = nil
    /// Named y ticks (row labels) instead of five evenly spaced numbers.
    public var yTickNames: [(y: Double, name: String)] = []
    public var xTickLabel: (Double) -> String = SVGChart.tickLabel
    public var yTickLabel: (Double) -> String = SVGChart.tickLabel
    public var rightAxis: RightAxis? = nil
    /// The left margin; wider when `yTickNames` are long.
    public var leftMargin = 70.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    static let width = 860.0, height = 440.0
    static let right = 260.0, top = 40.0, bottom = 50.0

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// The legend's left edge: right of the plot, or right of the second
    /// axis's tick text when there is one.
    var legendX: Double { Self.width - Self.right + (rightAxis == nil ? 10 : 62) }

    /// At least 860 pixels, wider when a legend name would be cut off (about
    /// 6.5 pixels a character at font size 11), so no legend is clipped.
    var canvasWidth: Double {
        let longest = series.map(\.name.count).max() ?? 0
        return Swift.max(Self.width, (legendX + 14 + 6.5 * Double(longest) + 8).rounded(.up))
    }

    public func render() -> String {
        let frame = Frame(chart: self)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(canvasWidth))\" height=\"\(Int(Self.height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(number((leftMargin + Self.width - Self.right) / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(Self.escape(title))</text>\n"
        svg += axes(frame)
        svg += rightAxisText(frame)
        svg += markerLines(frame)
        for (index, line) in series.enumerated() {
            let color = Self.color(line.colorIndex ?? index)
            svg += seriesShapes(line, color: color, frame: frame)
            svg += legendEntry(line.name, index: index, color: color, dashed: line.dashed)
        }
        svg += "</svg>\n"
        return svg
    }

    func seriesShapes(_ line: Series, color: String, frame: Frame) -> String {
        if line.dots {
            return line.points.map {
                "<circle cx=\"\(number(frame.px($0.x)))\" cy=\"\(number(frame.py($0.y, line.axis)))\" r=\"2\" fill=\"\(color)\"/>\n"
            }.joined()
        }
        guard !line.points.isEmpty else { return "" }
        let path = line.points.map { "\(number(frame.px($0.x))),\(number(frame.py($0.y, line.axis)))" }.joined(separator: " ")
        let dash = line.dashed ? " stroke-dasharray=\"6 3\"" : ""
        return "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(dash) points=\"\(path)\"/>\n"
    }

    /// The legend sits right of the plot (right of the second axis's tick
    /// text when there is one), one 14-pixel row per series; a dashed series
    /// gets a dashed stroke as its key instead of a filled square.
    func legendEntry(_ name: String, index: Int, color: String, dashed: Bool) -> String {
        let x = legendX, y = Self.top + 14 * Double(index)
        let key = dashed
            ? "<line x1=\"\(number(x))\" y1=\"\(number(y + 5))\" x2=\"\(number(x + 10))\" y2=\"\(number(y + 5))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
            : "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>\n"
        return key
            + "<text x=\"\(number(x + 14))\" y=\"\(number(y + 9))\">\(Self.escape(name))</text>\n"
    }

    /// Vertical markers, then horizontal guides, both dashed.
    func markerLines(_ frame: Frame) -> String {
        var svg = ""
        for marker in markers {
            let x = number(frame.px(marker.x))
            svg += "<line x1=\"\(x)\" y1=\"\(number(Self.top))\" x2=\"\(x)\" y2=\"\(number(frame.plotBottom))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(number(frame.px(marker.x) + 2))\" y=\"\(number(Self.top + 10))\" fill=\"#666\" font-size=\"9\">\(Self.escape(marker.label))</text>\n"
        }
        for guide in guides {
            let y = frame.py(guide.y, guide.axis), color = Self.color(guide.seriesIndex)
            svg += "<line x1=\"\(number(leftMargin))\" y1=\"\(number(y))\" x2=\"\(number(frame.plotRight))\" y2=\"\(number(y))\" stroke=\"\(color)\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(number(frame.plotRight - 4))\" y=\"\(number(y - 4))\" text-anchor=\"end\" fill=\"\(color)\" font-size=\"9\">\(Self.escape(guide.label))</text>\n"
        }
        return svg
    }

    func number(_ value: Double) -> String { FixedDecimal.format(value, places: 2) }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Tick text: whole numbers from 100 up, one decimal from 1, three below,
    /// and a plain 0.
    public static func tickLabel(_ value: Double) -> String {
        if value == 0 { return "0" }
        // Nice ticks are short decimals: print them without trailing zeros (50, 2.5, 0.25).
        var text = FixedDecimal.format(value, places: abs(value) >= 100 ? 0 : 3)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
