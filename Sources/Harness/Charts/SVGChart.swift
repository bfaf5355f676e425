import Foundation

/// A small deterministic SVG line chart: fixed size, a linear or base-10
/// logarithmic x axis, one polyline per series, optional vertical markers,
/// dots and named y ticks.
///
/// Deterministic by construction: every number is written with
/// `formatFixed` (no locale, no exponent), series keep their given order,
/// and nothing depends on time or hashing, so the same data gives a
/// byte-identical file. Shared by `compare` (and open to `sweep`).
public struct SVGChart {
    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Draw dots instead of a line (for event markers).
        public var dots: Bool

        public init(name: String, points: [(x: Double, y: Double)], dots: Bool = false) {
            self.name = name
            self.points = points
            self.dots = dots
        }
    }

    public struct Marker {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) { self.x = x; self.label = label }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var markers: [Marker] = []
    public var yMinimum: Double? = nil
    public var yMaximum: Double? = nil
    /// A log10 x axis, for quantities spanning decades (a latency CDF where a
    /// nightly batch sits beside millisecond streaming). Values below
    /// `logFloor` are drawn at the floor.
    public var xLogScale = false
    public var logFloor = 1.0
    /// Named y ticks (row labels) instead of five evenly spaced numbers.
    public var yTickNames: [(y: Double, name: String)] = []
    /// The left margin; wider when `yTickNames` are long.
    public var leftMargin = 70.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    static let width = 860.0, height = 440.0
    static let right = 260.0, top = 40.0, bottom = 50.0
    var left: Double { leftMargin }

    func number(_ value: Double) -> String { formatFixed(value, digits: 2) }

    static func escape(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;").replacingAll("\"", with: "&quot;")
    }

    public func render() -> String {
        let xs = (series.flatMap { $0.points.map(\.x) } + markers.map(\.x)).map(scaledX)
        let ys = series.flatMap { $0.points.map(\.y) }
        var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
        var yMin = yMinimum ?? min(0, ys.min() ?? 0), yMax = yMaximum ?? (ys.max() ?? 1)
        if xMax <= xMin { xMax = xMin + 1 }
        if yMax <= yMin { yMax = yMin + 1 }
        if yMaximum == nil { yMax += (yMax - yMin) * 0.05 }
        xMin = min(xMin, xMax)
        if xLogScale { xMin = xMin.rounded(.down); xMax = max(xMax.rounded(.up), xMin + 1) }
        let plotWidth = Self.width - left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func px(_ x: Double) -> Double { left + (scaledX(x) - xMin) / (xMax - xMin) * plotWidth }
        func py(_ y: Double) -> Double { Self.top + plotHeight - (y - yMin) / (yMax - yMin) * plotHeight }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(number((left + Self.width - Self.right) / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(Self.escape(title))</text>\n"
        svg += axes(px: px, py: py, xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax)
        for marker in markers {
            svg += "<line x1=\"\(number(px(marker.x)))\" y1=\"\(number(Self.top))\" x2=\"\(number(px(marker.x)))\" y2=\"\(number(Self.top + plotHeight))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(number(px(marker.x) + 2))\" y=\"\(number(Self.top + 10))\" fill=\"#666\" font-size=\"9\">\(Self.escape(marker.label))</text>\n"
        }
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            if line.dots {
                for point in line.points {
                    svg += "<circle cx=\"\(number(px(point.x)))\" cy=\"\(number(py(point.y)))\" r=\"2\" fill=\"\(color)\"/>\n"
                }
            } else if !line.points.isEmpty {
                let path = line.points.map { "\(number(px($0.x))),\(number(py($0.y)))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(path)\"/>\n"
            }
            let legendY = Self.top + 14 * Double(index)
            svg += "<rect x=\"\(number(Self.width - Self.right + 10))\" y=\"\(number(legendY))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>\n"
            svg += "<text x=\"\(number(Self.width - Self.right + 24))\" y=\"\(number(legendY + 9))\">\(Self.escape(line.name))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// The x value in axis units: log10 of it on a log axis.
    func scaledX(_ x: Double) -> Double { xLogScale ? log10(Swift.max(x, logFloor)) : x }

    /// Tick positions in data units: five even steps, or every power of ten.
    func xTicks(xMin: Double, xMax: Double) -> [Double] {
        guard xLogScale else { return (0...4).map { xMin + (xMax - xMin) * Double($0) / 4 } }
        return (Int(xMin)...Int(xMax)).map { pow(10, Double($0)) }
    }

    func axes(px: (Double) -> Double, py: (Double) -> Double, xMin: Double, xMax: Double, yMin: Double, yMax: Double) -> String {
        let bottomY = Self.height - Self.bottom, rightX = Self.width - Self.right
        var svg = "<line x1=\"\(number(left))\" y1=\"\(number(bottomY))\" x2=\"\(number(rightX))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(Self.top))\" x2=\"\(number(left))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        for x in xTicks(xMin: xMin, xMax: xMax) {
            svg += "<text x=\"\(number(px(x)))\" y=\"\(number(bottomY + 15))\" text-anchor=\"middle\">\(Self.tickLabel(x))</text>\n"
        }
        let yTicks = yTickNames.isEmpty
            ? (0...4).map { tick -> (y: Double, name: String) in let y = yMin + (yMax - yMin) * Double(tick) / 4; return (y, Self.tickLabel(y)) }
            : yTickNames
        for tick in yTicks {
            svg += "<text x=\"\(number(left - 5))\" y=\"\(number(py(tick.y) + 4))\" text-anchor=\"end\">\(Self.escape(tick.name))</text>\n"
        }
        svg += "<text x=\"\(number((left + rightX) / 2))\" y=\"\(number(Self.height - 12))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        svg += "<text x=\"14\" y=\"\(number((Self.top + bottomY) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(number((Self.top + bottomY) / 2)))\">\(Self.escape(yLabel))</text>\n"
        return svg
    }

    static func tickLabel(_ value: Double) -> String {
        abs(value) >= 100 ? formatFixed(value, digits: 0) : (abs(value) >= 1 ? formatFixed(value, digits: 1) : formatFixed(value, digits: 3))
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
