@testable import StreamLabCLI
import Testing

/// The one progress bar's text, pinned without a clock (`compare`, `sweep`
/// and `crash --swarm` draw it on a terminal only).
@Suite struct ProgressBarTests {
    @Test func theLineShowsTheShareDoneAndAnEstimateOfTheTimeLeft() {
        #expect(ProgressBar.line(label: "compare", done: 9, total: 30, elapsedSeconds: 30)
            == "compare [#########.....................] 9/30, ETA 1m 10s")
        #expect(ProgressBar.line(label: "sweep", done: 0, total: 4, elapsedSeconds: 3) == "sweep [..............................] 0/4")
        #expect(ProgressBar.line(label: "swarm", done: 200, total: 200, elapsedSeconds: 12)
            == "swarm [##############################] 200/200")
    }

    @Test func durationsReadAsPeopleSayThem() {
        #expect(ProgressBar.duration(seconds: 44.2) == "45s")
        #expect(ProgressBar.duration(seconds: 185) == "3m 05s")
        #expect(ProgressBar.duration(seconds: 7_800) == "2h 10m")
    }
}
