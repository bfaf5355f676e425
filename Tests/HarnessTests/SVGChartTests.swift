@testable import SVGCharts
import Testing

/// The one chart writer behind compare reports, sweep charts and the lesson
/// lab charts. Plot geometry: 860 × 440, left margin 70, plot from x 70 to
/// 600 (530 px) and from y 390 (bottom) up to 40 (350 px).
@Suite struct SVGChartTests {
    @Test func svgChartIsDeterministicAndEscapesText() {
        var chart = SVGChart(title: "a < b & c", xLabel: "x", yLabel: "y",
                             series: [.init(name: "s", points: [(0, 0), (1, 2.5), (2, 1)])])
        chart.markers = [.init(x: 1, label: "crash")]
        let svg = chart.render()
        #expect(svg == chart.render())
        #expect(svg.contains("a &lt; b &amp; c"))
        // x 0…2 and y 0…2.625 (5 % headroom) widen to nice ranges: x [0, 2], y [0, 3].
        #expect(svg.contains("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"70.00,390.00 335.00,98.33 600.00,273.33\"/>"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func axesUseNiceStepsOfOneTwoOrFiveTimesAPowerOfTen() {
        // A crash timeline's seconds, 89.3 to 402: ticks every 50 from 50 to
        // 450 instead of five even steps (89.3, 168, 246, …).
        let chart = SVGChart(title: "t", xLabel: "s", yLabel: "y",
                             series: [.init(name: "a", points: [(89.3, 0), (402, 17_855)])])
        let svg = chart.render()
        for label in ["50", "100", "250", "450"] { #expect(svg.contains(">\(label)</text>"), "x tick \(label)") }
        #expect(!svg.contains(">89.3</text>"))
        // y 0…17,855 plus headroom (18,748) widens to 0…20,000 by 5,000.
        for label in ["5000", "15000", "20000"] { #expect(svg.contains(">\(label)</text>"), "y tick \(label)") }
        #expect(SVGChart.niceStep(span: 0.7) == 0.1)
        #expect(SVGChart.niceStep(span: 33.1) == 5)
        #expect(SVGChart.niceStep(span: 1_114) == 200)
        #expect(SVGChart.tickLabel(2.5) == "2.5")
        #expect(SVGChart.tickLabel(0.25) == "0.25")
        #expect(SVGChart.tickLabel(35) == "35")
    }

    @Test func aFractionNearOneGetsAnAxisStartingJustBelowItsData() {
        var chart = SVGChart(title: "completeness", xLabel: "ms", yLabel: "fraction",
                             series: [.init(name: "a", points: [(0, 0.983), (2_000, 1)])])
        chart.yIncludesZero = false
        chart.yMaximum = 1
        let svg = chart.render()
        // Span 0.017 → steps of 0.005; the bottom is 0.98, not 0, and 0.983
        // sits 3/20 of the 350-pixel plot above it.
        #expect(svg.contains(">0.98</text>"))
        #expect(svg.contains(">0.995</text>"))
        #expect(!svg.contains(">0.5</text>"))
        #expect(svg.contains("points=\"70.00,337.50 600.00,40.00\""))
    }

    @Test func logScaleAxisPlacesEachDecadeEquallyAndLabelsPowersOfTen() {
        var chart = SVGChart(title: "cdf", xLabel: "ms", yLabel: "f",
                             series: [.init(name: "s", points: [(1, 0), (10, 0.5), (1_000, 1)])])
        chart.xLogScale = true
        chart.yMinimum = 0
        chart.yMaximum = 1
        let svg = chart.render()
        // Three decades over a 530-pixel plot: 1 → 70, 10 → 70 + 530/3, 1000 → 600;
        // y over 350 pixels from 390 (0) up to 40 (1).
        #expect(svg.contains("points=\"70.00,390.00 246.67,215.00 600.00,40.00\""))
        #expect(svg.contains(">100</text>"))
        #expect(svg.contains(">1000</text>"))
    }

    @Test func namedYTicksReplaceNumericOnes() {
        var chart = SVGChart(title: "t", xLabel: "x", yLabel: "",
                             series: [.init(name: "s", points: [(0, 1), (1, 2)], dots: true)])
        chart.yMinimum = 0
        chart.yMaximum = 3
        chart.yTickNames = [(1, "flink/at-least-once"), (2, "batch/exactly-once")]
        let svg = chart.render()
        #expect(svg.contains(">flink/at-least-once</text>"))
        #expect(!svg.contains(">1.5</text>"))  // the numeric y tick it replaces
    }

    @Test func seriesOnTheRightAxisIsScaledToTheRightAxisRange() {
        var chart = SVGChart(title: "two units", xLabel: "s", yLabel: "fraction", series: [
            .init(name: "completeness", points: [(0, 0), (10, 1)]),
            .init(name: "latency", points: [(0, 50), (10, 100)], axis: .right),
        ])
        chart.yMinimum = 0
        chart.yMaximum = 1
        chart.rightAxis = .init(label: "seconds", minimum: 0, maximum: 100, tickLabel: { "\(Int($0)) s" })
        let svg = chart.render()
        #expect(svg.contains("points=\"70.00,390.00 600.00,40.00\""))
        // 50 of 100 on the right axis is half way up, whatever the left range.
        #expect(svg.contains("points=\"70.00,215.00 600.00,40.00\""))
        // Nice ticks inside the fixed 0…100 range: every 20.
        #expect(svg.contains(">80 s</text>"))
        #expect(!svg.contains(">75 s</text>"))
        #expect(svg.contains(">seconds</text>"))
        // The legend moves right of the second axis's tick text.
        #expect(svg.contains("<rect x=\"662.00\" y=\"40.00\" width=\"10\" height=\"10\" fill=\"#1f77b4\"/>"))
    }

    @Test func guideIsADashedLineInItsSeriesColourOnItsAxis() {
        var chart = SVGChart(title: "t", xLabel: "x", yLabel: "y", series: [
            .init(name: "a", points: [(0, 0), (1, 1)]),
            .init(name: "b", points: [(0, 0), (1, 40)], axis: .right),
        ])
        chart.yMinimum = 0
        chart.yMaximum = 1
        chart.rightAxis = .init(label: "b", minimum: 0, maximum: 40)
        chart.guides = [.init(y: 30, axis: .right, seriesIndex: 1, label: "target <= 30")]
        let svg = chart.render()
        #expect(svg.contains("<line x1=\"70.00\" y1=\"127.50\" x2=\"600.00\" y2=\"127.50\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>"))
        #expect(svg.contains(">target &lt;= 30</text>"))
    }

    @Test func explicitXTicksLabelEachSweptSettingInsteadOfEvenSteps() {
        var chart = SVGChart(title: "t", xLabel: "delay", yLabel: "y",
                             series: [.init(name: "s", points: [(0, 1), (5, 2), (60, 3)])])
        chart.xTickValues = [0, 5, 60]
        chart.xTickLabel = { "\(Int($0))" }
        let svg = chart.render()
        #expect(svg.contains("<text x=\"114.17\" y=\"405.00\" text-anchor=\"middle\">5</text>"))
        #expect(!svg.contains(">15.0</text>"))  // an even-step tick it replaces
        #expect(!svg.contains(">30</text>"))
    }

    @Test func sameChartRendersTheSameBytesTwice() {
        func make() -> String {
            var chart = SVGChart(title: "cdf", xLabel: "ms", yLabel: "f", series: [
                .init(name: "flink", points: [(0.4, 0), (3.7, 0.5), (12_000, 1)]),
                .init(name: "batch", points: [(1e6, 0), (3.6e6, 1)]),
            ])
            chart.xLogScale = true
            chart.markers = [.init(x: 100, label: "crash")]
            return chart.render()
        }
        #expect(make() == make())
        #expect(!make().contains("e+"))
    }

    @Test func aLongLegendNameWidensTheCanvasInsteadOfBeingCutOff() {
        let short = SVGChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "flink", points: [(0, 1)])])
        #expect(short.render().hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"440\""))
        let name = String(repeating: "n", count: 60)
        let long = SVGChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: name, points: [(0, 1)])])
        // Legend text starts at 624; 60 characters at 6.5 px plus 8 px of room end at 1022.
        #expect(long.render().hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1022\" height=\"440\""))
    }
}
