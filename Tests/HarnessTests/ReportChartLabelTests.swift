import Testing
@testable import Harness

/// The latency CDF's log axis labels each decade of milliseconds as a
/// duration a reader knows.
struct ReportChartLabelTests {
    @Test func latencyDecadesReadAsMillisecondsSecondsMinutesAndHours() {
        let labels = [1.0, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]
            .map { ReportCharts.durationLabel(milliseconds: $0) }
        #expect(labels == ["1 ms", "100 ms", "1 s", "10 s", "1.7 min", "16.7 min", "2.8 h", "27.8 h"])
    }
}
