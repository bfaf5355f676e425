import Foundation
import SimKernel

extension SVGChart {
    /// The data ranges and the data-to-pixel mapping of one render, computed
    /// once from the series, markers and fixed limits.
    struct Frame {
        let left: Double
        let plotRight = SVGChart.width - SVGChart.right
        let plotBottom = SVGChart.height - SVGChart.bottom
        let xMin: Double, xMax: Double
        let yMin: Double, yMax: Double
        let rightMin: Double, rightMax: Double
        let scaledX: (Double) -> Double

        init(chart: SVGChart) {
            left = chart.leftMargin
            scaledX = { [xLogScale = chart.xLogScale, logFloor = chart.logFloor] x in
                xLogScale ? log10(Swift.max(x, logFloor)) : x
            }
            let xs = (chart.series.flatMap { $0.points.map(\.x) } + chart.markers.map(\.x) + (chart.xTickValues ?? [])).map(scaledX)
            let ys = chart.series.filter { $0.axis == .left }.flatMap { $0.points.map(\.y) }
            var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
            var yMin = chart.yMinimum ?? Swift.min(0, ys.min() ?? 0), yMax = chart.yMaximum ?? (ys.max() ?? 1)
            if xMax <= xMin { xMax = xMin + 1 }
            if yMax <= yMin { yMax = yMin + 1 }
            if chart.yMaximum == nil { yMax += (yMax - yMin) * 0.05 }
            if chart.xLogScale { xMin = xMin.rounded(.down); xMax = Swift.max(xMax.rounded(.up), xMin + 1) }
            (self.xMin, self.xMax, self.yMin, self.yMax) = (xMin, xMax, yMin, yMax)
            rightMin = chart.rightAxis?.minimum ?? 0
            rightMax = Swift.max(chart.rightAxis?.maximum ?? 1, rightMin + 1e-9)
        }

        var plotWidth: Double { plotRight - left }
        var plotHeight: Double { plotBottom - SVGChart.top }

        func px(_ x: Double) -> Double { left + (scaledX(x) - xMin) / (xMax - xMin) * plotWidth }

        func py(_ y: Double, _ axis: Axis = .left) -> Double {
            let (low, high) = axis == .left ? (yMin, yMax) : (rightMin, rightMax)
            return SVGChart.top + plotHeight - (y - low) / (high - low) * plotHeight
        }
    }

    /// Tick positions in data units: the given values, five even steps, or
    /// every power of ten on a log axis.
    func xTicks(_ frame: Frame) -> [Double] {
        if let xTickValues { return xTickValues }
        guard xLogScale else { return (0...4).map { frame.xMin + (frame.xMax - frame.xMin) * Double($0) / 4 } }
        return (Int(frame.xMin)...Int(frame.xMax)).map { pow(10, Double($0)) }
    }

    func axes(_ frame: Frame) -> String {
        let bottomY = frame.plotBottom, rightX = frame.plotRight
        var svg = "<line x1=\"\(number(leftMargin))\" y1=\"\(number(bottomY))\" x2=\"\(number(rightX))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(number(leftMargin))\" y1=\"\(number(Self.top))\" x2=\"\(number(leftMargin))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        for x in xTicks(frame) {
            svg += "<text x=\"\(number(frame.px(x)))\" y=\"\(number(bottomY + 15))\" text-anchor=\"middle\">\(Self.escape(xTickLabel(x)))</text>\n"
        }
        let yTicks = yTickNames.isEmpty
            ? (0...4).map { tick -> (y: Double, name: String) in
                let y = frame.yMin + (frame.yMax - frame.yMin) * Double(tick) / 4
                return (y, yTickLabel(y))
            }
            : yTickNames
        for tick in yTicks {
            svg += "<text x=\"\(number(leftMargin - 5))\" y=\"\(number(frame.py(tick.y) + 4))\" text-anchor=\"end\">\(Self.escape(tick.name))</text>\n"
        }
        svg += "<text x=\"\(number((leftMargin + rightX) / 2))\" y=\"\(number(Self.height - 12))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        let middleY = number((Self.top + bottomY) / 2)
        svg += "<text x=\"14\" y=\"\(middleY)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(middleY))\">\(Self.escape(yLabel))</text>\n"
        return svg
    }

    /// The second y axis: its line, five ticks and its rotated label, just
    /// right of the plot.
    func rightAxisText(_ frame: Frame) -> String {
        guard let rightAxis else { return "" }
        let x = frame.plotRight, bottomY = frame.plotBottom
        var svg = "<line x1=\"\(number(x))\" y1=\"\(number(Self.top))\" x2=\"\(number(x))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        for tick in 0...4 {
            let y = frame.rightMin + (frame.rightMax - frame.rightMin) * Double(tick) / 4
            svg += "<text x=\"\(number(x + 5))\" y=\"\(number(frame.py(y, .right) + 4))\">\(Self.escape(rightAxis.tickLabel(y)))</text>\n"
        }
        let labelX = number(x + 50), middleY = number((Self.top + bottomY) / 2)
        svg += "<text x=\"\(labelX)\" y=\"\(middleY)\" text-anchor=\"middle\" transform=\"rotate(-90 \(labelX) \(middleY))\">\(Self.escape(rightAxis.label))</text>\n"
        return svg
    }
}
