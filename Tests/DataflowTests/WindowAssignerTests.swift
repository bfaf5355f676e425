import Testing
import SimKernel
@testable import Dataflow

@Suite struct WindowAssignerTests {
    func windows(_ ts: Int64, size: Int64, slide: Int64, offset: Int64 = 0) -> [TimeWindow] {
        var result: [TimeWindow] = []
        WindowAssigner.forEachWindow(containing: .millis(ts), size: .millis(size), slide: .millis(slide), offset: .millis(offset)) {
            result.append($0)
        }
        return result
    }

    func window(_ start: Int64, _ end: Int64) -> TimeWindow { TimeWindow(start: .millis(start), end: .millis(end)) }

    @Test func eventExactlyAtWindowEndBelongsToTheNextWindow() {
        #expect(windows(10_000, size: 10_000, slide: 10_000) == [window(10_000, 20_000)])
        #expect(windows(9_999, size: 10_000, slide: 10_000) == [window(0, 10_000)])
        #expect(!window(0, 10_000).contains(.millis(10_000)))
    }

    @Test func negativeTimestampsStartTheirTumblingWindowBelowThemselves() {
        #expect(windows(-1, size: 10_000, slide: 10_000) == [window(-10_000, 0)])
        #expect(windows(-25_000, size: 10_000, slide: 10_000) == [window(-30_000, -20_000)])
    }

    @Test func offsetShiftsTumblingWindows() {
        #expect(windows(3_000, size: 10_000, slide: 10_000, offset: 5_000) == [window(-5_000, 5_000)])
        #expect(windows(5_000, size: 10_000, slide: 10_000, offset: 5_000) == [window(5_000, 15_000)])
    }

    @Test func slidingWindowMembershipListsEveryWindowHoldingTheTimestamp() {
        // size 10 s, slide 5 s: 12 s is in [5, 15) and [10, 20), latest start first.
        #expect(windows(12_000, size: 10_000, slide: 5_000) == [window(10_000, 20_000), window(5_000, 15_000)])
        // Exactly on a slide boundary: 15 s is not in [5, 15).
        #expect(windows(15_000, size: 10_000, slide: 5_000) == [window(15_000, 25_000), window(10_000, 20_000)])
        // Size not a multiple of slide: 10 s, slide 3 s, ts 10 s → starts 9, 6, 3 (not 0: [0,10) excludes 10).
        #expect(windows(10_000, size: 10_000, slide: 3_000).map(\.start) == [.millis(9_000), .millis(6_000), .millis(3_000)])
    }

    @Test func flinkAndSparkSlidingFormulasGiveTheSameWindows() {
        var failures: [String] = []
        for size: Int64 in [1, 3, 7, 10] {
            for slide: Int64 in [1, 2, 3, 10] where slide <= size {
                for ts: Int64 in -25...25 {
                    let flink = windows(ts, size: size, slide: slide, offset: 1)
                    let spark = WindowAssigner.sparkWindows(containing: .millis(ts), size: .millis(size), slide: .millis(slide), offset: .millis(1))
                    if flink != spark { failures.append("size=\(size) slide=\(slide) ts=\(ts)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func touchingWindowsIntersectButSeparatedOnesDoNot() {
        #expect(window(0, 10).intersects(window(10, 20)))
        #expect(!window(0, 10).intersects(window(11, 20)))
        #expect(window(0, 10).cover(window(10, 20)) == window(0, 20))
        #expect(window(0, 10_000).maxTimestamp == Instant(micros: 9_999_999))
    }
}
