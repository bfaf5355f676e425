import Engines
import SVGCharts
import SimKernel

/// The charts `streamlab run --svg PATH` draws with the shared `SVGChart`,
/// so the lessons embed a picture of the run they discuss. x is simulated
/// time in minutes since the first arrival, the clock a reader of the
/// report's "closed at"/"emitted at" times can follow.
enum RunCharts {
    /// A job: the operator's state size, as the probe sampled it.
    static func render(_ outcome: JobOutcome, scenario: String) -> String {
        let origin = outcome.firstArrival
        let points = outcome.stateSamples.map { (x: minutes(since: origin, $0.time), y: Double($0.size)) }
        let series = SVGChart.Series(name: outcome.stateNoun, points: points)
        var chart = SVGChart(
            title: "\(outcome.job.rawValue) on \(scenario), \(outcome.preset.name): state over time",
            xLabel: "simulated processing time (min since first arrival)", yLabel: outcome.stateNoun, series: [series])
        chart.yMinimum = 0
        return chart.render()
    }

    /// A windowed query: the events counted per window start, all keys summed
    /// (the final row of each window), so tumbling, sliding and session
    /// windows of the same stream can be set side by side.
    static func render(_ outcome: RunOutcome, scenario: String) -> String {
        var totals: [Int64: Int64] = [:]
        for row in outcome.finalRows { totals[row.start, default: 0] += row.count }
        let origin = outcome.firstArrival
        let points = totals.keys.sorted().map { (x: minutes(since: origin, Instant(micros: $0)), y: Double(totals[$0]!)) }
        let series = SVGChart.Series(name: "events counted", points: points, dots: isSession(outcome))
        var chart = SVGChart(
            title: "\(scenario) on \(outcome.preset.name): events per window start",
            xLabel: "window start (min since first arrival)", yLabel: "events per window start (all keys)", series: [series])
        chart.yMinimum = 0
        return chart.render()
    }

    static func isSession(_ outcome: RunOutcome) -> Bool {
        if case .session = outcome.query.query.window { return true }
        return false
    }

    static func minutes(since origin: Instant, _ time: Instant) -> Double {
        Double((time - origin).micros) / 60_000_000
    }
}
