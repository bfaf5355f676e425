import Engines
import SVGCharts
import SimKernel

/// The chart `streamlab cep --svg PATH` draws: the pattern operator's state
/// (partial matches, and events buffered until the watermark passes them),
/// sampled every 250 events, over simulated time since the first arrival.
enum CepChart {
    static func render(_ outcome: PatternRun, scenario: String, pattern: String) -> String {
        let origin = outcome.firstArrival
        func minutes(_ time: Instant) -> Double { Double((time - origin).micros) / 60_000_000 }
        let partial = SVGChart.Series(name: "partial matches",
                                      points: outcome.stateSamples.map { (x: minutes($0.arrivalTime), y: Double($0.partialMatches)) })
        let buffered = SVGChart.Series(name: "events waiting for the watermark",
                                       points: outcome.stateSamples.map { (x: minutes($0.arrivalTime), y: Double($0.bufferedEvents)) })
        var chart = SVGChart(
            title: "pattern \(pattern) on \(scenario): operator state over time",
            xLabel: "simulated time (min since first arrival)", yLabel: "entries held (all keys)", series: [partial, buffered])
        chart.yMinimum = 0
        return chart.render()
    }
}
