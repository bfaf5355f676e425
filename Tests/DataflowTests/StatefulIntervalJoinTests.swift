import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulIntervalJoinTests {
    /// kind 0 is the left stream (orders), kind 1 the right (shipments).
    static func join(lowerMillis: Int64, upperMillis: Int64) -> IntervalJoinOperator {
        IntervalJoinOperator(lower: .millis(lowerMillis), upper: .millis(upperMillis)) { $0.kind == 0 ? .left : .right }
    }

    @Test func bothBoundsAreInclusive() {
        var driver = StatefulDriver(Self.join(lowerMillis: -2_000, upperMillis: 3_000))
        _ = driver.send(key: 1, atMillis: 10_000, kind: 0)
        #expect(driver.send(key: 1, atMillis: 7_999, kind: 1).isEmpty)
        #expect(driver.send(key: 1, atMillis: 8_000, kind: 1).map(\.right.eventTime) == [.millis(8_000)])
        #expect(driver.send(key: 1, atMillis: 13_000, kind: 1).map(\.timestamp) == [.millis(13_000)])
        #expect(driver.send(key: 1, atMillis: 13_001, kind: 1).isEmpty)
    }

    @Test func rightRecordArrivingFirstProbesLeftRecordsLater() {
        var driver = StatefulDriver(Self.join(lowerMillis: 0, upperMillis: 5_000))
        _ = driver.send(key: 2, atMillis: 4_000, kind: 1)
        let pairs = driver.send(key: 2, atMillis: 1_000, kind: 0)
        #expect(pairs.map { [$0.left.eventTime, $0.right.eventTime, $0.timestamp] } == [[.millis(1_000), .millis(4_000), .millis(4_000)]])
        #expect(driver.send(key: 3, atMillis: 1_000, kind: 0).isEmpty)
    }

    @Test func recordStrictlyBeforeWatermarkIsDroppedButOneAtItIsKept() {
        var driver = StatefulDriver(Self.join(lowerMillis: 0, upperMillis: 1_000))
        _ = driver.send(key: 1, atMillis: 5_500, kind: 1)
        _ = driver.watermark(millis: 5_000)
        #expect(driver.send(key: 1, atMillis: 4_999, kind: 0).isEmpty)
        #expect(driver.subject.droppedLateCount == 1)
        #expect(driver.send(key: 1, atMillis: 5_000, kind: 0).count == 1)
    }

    @Test func leftStateIsCleanedWhenWatermarkReachesTimePlusUpperBound() {
        var driver = StatefulDriver(Self.join(lowerMillis: -1_000, upperMillis: 2_000))
        _ = driver.send(key: 1, atMillis: 10_000, kind: 0)
        _ = driver.watermark(Instant.millis(12_000) - Duration(micros: 1))
        #expect(driver.subject.bufferedCount == 1)
        _ = driver.watermark(millis: 12_000)
        #expect(driver.subject.bufferedCount == 0)
    }

    @Test func rightStateIsCleanedWhenWatermarkReachesTimeMinusLowerBound() {
        var driver = StatefulDriver(Self.join(lowerMillis: -1_000, upperMillis: 2_000))
        _ = driver.send(key: 1, atMillis: 10_000, kind: 1)
        _ = driver.watermark(Instant.millis(11_000) - Duration(micros: 1))
        #expect(driver.subject.bufferedCount == 1)
        _ = driver.watermark(millis: 11_000)
        #expect(driver.subject.bufferedCount == 0)
    }

    @Test func pairsOfOneProbeComeInTimestampThenArrivalOrder() {
        var driver = StatefulDriver(Self.join(lowerMillis: -5_000, upperMillis: 5_000))
        _ = driver.send(key: 1, atMillis: 3_000, kind: 1, attribute: 1)
        _ = driver.send(key: 1, atMillis: 1_000, kind: 1, attribute: 2)
        _ = driver.send(key: 1, atMillis: 3_000, kind: 1, attribute: 3)
        let pairs = driver.send(key: 1, atMillis: 2_000, kind: 0)
        #expect(pairs.map(\.right.attribute) == [2, 1, 3])
    }
}
