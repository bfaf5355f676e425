import Testing
@testable import Engines

/// The serving layer's merge rule (Lambda): batch view where the last batch run covered the whole span, speed view after it.
@Suite struct ServingMergeTests {
    let batch: [Int64: Int64] = [0: 10, 100: 20, 200: 30]
    let speed: [Int64: Int64] = [0: 11, 100: 21, 200: 31, 300: 41]

    func merged(coverage: Int64?) -> [ServingMerge.Answer] {
        ServingMerge.merge(spanStartsMicros: [0, 100, 200, 300], spanMicros: 100, coverageEndMicros: coverage, batchView: batch, speedView: speed)
    }

    @Test func spanEndingExactlyAtTheCoverageEndComesFromTheBatchView() {
        #expect(merged(coverage: 200).map(\.value) == [10, 20, 31, 41])
        #expect(merged(coverage: 200).map(\.layer) == [.batch, .batch, .speed, .speed])
    }

    @Test func spanOnlyPartlyCoveredComesFromTheSpeedView() {
        #expect(merged(coverage: 250).map(\.value) == [10, 20, 31, 41])
    }

    @Test func withoutAFinishedBatchRunEverySpanComesFromTheSpeedView() {
        #expect(merged(coverage: nil).map(\.value) == [11, 21, 31, 41])
    }

    @Test func aSpanMissingFromTheChosenViewCountsZeroAndIsNeverAddedTwice() {
        let answers = ServingMerge.merge(spanStartsMicros: [0, 400], spanMicros: 100, coverageEndMicros: 100,
                                         batchView: [0: 5], speedView: [0: 5])
        #expect(answers.map(\.value) == [5, 0])
    }
}
