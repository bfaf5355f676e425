import Histogram
import SimKernel
import Testing
@testable import Harness

/// The recorder keeps its own counts in HdrHistogram's layout; the histogram
/// it builds must read exactly like one that recorded every value itself.
@Suite struct LatencyRecorderTests {
    func direct(_ values: [Int64]) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for value in values { histogram.record(UInt64(max(0, value))) }
        return histogram
    }

    func assertSame(_ values: [Int64]) {
        var recorder = LatencyRecorder()
        for value in values { recorder.record(micros: value) }
        let built = recorder.histogram, expected = direct(values)
        #expect(built.totalCount == expected.totalCount)
        #expect(built.max == expected.max)
        #expect(built.min == expected.min)
        #expect(built.mean == expected.mean)
        #expect(recorder.mean == expected.mean)
        for percentile in [0.0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100] {
            #expect(built.valueAtPercentile(percentile) == expected.valueAtPercentile(percentile), "p\(percentile)")
        }
        #expect(built.percentiles(ticksPerHalfDistance: 5).map(\.value) == expected.percentiles(ticksPerHalfDistance: 5).map(\.value))
    }

    @Test func readsLikeDirectRecordingOverEveryMagnitude() {
        let stream = RandomStream(seed: 42)
        var values: [Int64] = [0, 1, 1023, 1024, 2047, 2048, 4095, 4096, 1 << 40]
        for _ in 0..<20_000 { values.append(Int64(stream.exponential(mean: 1) * Double(1 << Int(stream.nextIndex(below: 34))))) }
        assertSame(values)
    }

    @Test func negativeLatenciesCountAsZero() {
        assertSame([-5, -1, 0, 3, 250_000])
    }

    @Test func indexAndLowestValueAgree() {
        for value in [UInt64(0), 1, 1023, 1024, 2047, 2048, 2049, 4095, 4096, 123_456_789, 1 << 50] {
            let index = LatencyRecorder.index(of: value)
            let lowest = LatencyRecorder.lowestValue(at: index)
            #expect(lowest <= value && LatencyRecorder.index(of: lowest) == index, "value \(value)")
        }
    }
}
