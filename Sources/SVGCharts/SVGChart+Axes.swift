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
        /// Tick positions in data units (before `scaledX`).
        let xTicks: [Double], yTicks: [Double], rightTicks: [Double]
        let scaledX: (Double) -> Double

        init(chart: SVGChart) {
            left = chart.leftMargin
            scaledX = { [xLogScale = chart.xLogScale, logFloor = chart.logFloor] x in
                xLogScale ? log10(Swift.max(x, logFloor)) : x
            }
            let xs = (chart.series.flatMap { $0.points.map(\.x) } + chart.markers.map(\.x) + (chart.xTickValues ?? [])).map(scaledX)
            let ys = chart.series.filter { $0.axis == .left }.flatMap { $0.points.map(\.y) }
            var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
            var yMin = chart.yMinimum ?? (chart.yIncludesZero ? Swift.min(0, ys.min() ?? 0) : (ys.min() ?? 0))
            var yMax = chart.yMaximum ?? (ys.max() ?? 1)
            if xMax <= xMin { xMax = xMin + 1 }
            if yMax <= yMin { yMax = yMin + 1 }
            // x: the given ticks, every power of ten on a log axis, or a nice
            // range (unless the caller's ticks fix it).
            if let given = chart.xTickValues {
                xTicks = given
            } else if chart.xLogScale {
                xMin = xMin.rounded(.down)
                xMax = Swift.max(xMax.rounded(.up), xMin + 1)
                xTicks = (Int(xMin)...Int(xMax)).map { pow(10, Double($0)) }
            } else {
                let nice = SVGChart.niceRange(low: xMin, high: xMax)
                (xMin, xMax) = (nice.low, nice.high)
                xTicks = SVGChart.ticks(from: nice.low, to: nice.high, step: nice.step)
            }
            // y: a nice range with 5 % headroom, unless the caller fixed the top.
            if chart.yMaximum == nil {
                let nice = SVGChart.niceRange(low: yMin, high: yMax + (yMax - yMin) * 0.05)
                (yMin, yMax) = (chart.yMinimum ?? nice.low, nice.high)
                yTicks = SVGChart.ticks(from: yMin, to: yMax, step: nice.step)
            } else {
                if chart.yMinimum == nil && !chart.yIncludesZero {
                    // A nice bottom just below the data, under the fixed top.
                    let step = SVGChart.niceStep(span: yMax - yMin)
                    yMin = Swift.min((yMin / step).rounded(.down) * step, yMax - step)
                }
                yTicks = SVGChart.ticks(within: yMin, yMax)
            }
            (self.xMin, self.xMax, self.yMin, self.yMax) = (xMin, xMax, yMin, yMax)
            rightMin = chart.rightAxis?.minimum ?? 0
            rightMax = Swift.max(chart.rightAxis?.maximum ?? 1, rightMin + 1e-9)
            rightTicks = SVGChart.ticks(within: rightMin, rightMax)
        }

        var plotWidth: Double { plotRight - left }
        var plotHeight: Double { plotBottom - SVGChart.top }

        func px(_ x: Double) -> Double { left + (scaledX(x) - xMin) / (xMax - xMin) * plotWidth }

        func py(_ y: Double, _ axis: Axis = .left) -> Double {
            let (low, high) = axis == .left ? (yMin, yMax) : (rightMin, rightMax)
            return SVGChart.top + plotHeight - (y - low) / (high - low) * plotHeight
        }
    }

    func axes(_ frame: Frame) -> String {
        let bottomY = frame.plotBottom, rightX = frame.plotRight
        var svg = "<line x1=\"\(number(leftMargin))\" y1=\"\(number(bottomY))\" x2=\"\(number(rightX))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(number(leftMargin))\" y1=\"\(number(Self.top))\" x2=\"\(number(leftMargin))\" y2=\"\(number(bottomY))\" stroke=\"black\"/>\n"
        for x in frame.xTicks {
            svg += "<text x=\"\(number(frame.px(x)))\" y=\"\(number(bottomY + 15))\" text-anchor=\"middle\">\(Self.escape(xTickLabel(x)))</text>\n"
        }
        let yTicks = yTickNames.isEmpty ? frame.yTicks.map { (y: $0, name: yTickLabel($0)) } : yTickNames
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
        for y in frame.rightTicks {
            svg += "<text x=\"\(number(x + 5))\" y=\"\(number(frame.py(y, .right) + 4))\">\(Self.escape(rightAxis.tickLabel(y)))</text>\n"
        }
        let labelX = number(x + 50), middleY = number((Self.top + bottomY) / 2)
        svg += "<text x=\"\(labelX)\" y=\"\(middleY)\" text-anchor=\"middle\" transform=\"rotate(-90 \(labelX) \(middleY))\">\(Self.escape(rightAxis.label))</text>\n"
        return svg
    }
}
