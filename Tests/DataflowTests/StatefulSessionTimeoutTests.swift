import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulSessionTimeoutTests {
    typealias Operator = KeyedProcessOperator<SessionTimeoutFunction>
    let gapMillis: Int64 = 30 * 60 * 1_000

    @Test func sessionEndsExactlyWhenWatermarkReachesLastEventPlusThirtyMinutes() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction()))
        _ = driver.send(key: 1, atMillis: 1_000)
        _ = driver.send(key: 1, atMillis: 5_000)
        // Flink: a timer fires while timer <= watermark; one µs short does nothing.
        #expect(driver.watermark(Instant.millis(5_000 + gapMillis) - Duration(micros: 1)).isEmpty)
        let ended = driver.watermark(millis: 5_000 + gapMillis)
        #expect(ended == [SessionTimeoutFunction.SessionEnd(
            key: 1, firstEventTime: .millis(1_000), lastEventTime: .millis(5_000), eventCount: 2,
            timeoutTime: .millis(5_000 + gapMillis))])
        #expect(driver.subject.keyCount == 0)
        #expect(driver.subject.pendingTimerCount(.eventTime) == 0)
    }

    @Test func activityInsideTheGapExtendsTheSessionAndDeletesTheOldTimer() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction()))
        _ = driver.send(key: 4, atMillis: 0)
        _ = driver.send(key: 4, atMillis: gapMillis - 1)
        #expect(driver.subject.pendingTimerCount(.eventTime) == 1)
        #expect(driver.watermark(millis: gapMillis).isEmpty)
        let ended = driver.watermark(millis: 2 * gapMillis - 1)
        #expect(ended.map(\.eventCount) == [2])
    }

    @Test func outOfOrderEventJoinsSessionWithoutMovingItsEnd() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction()))
        _ = driver.send(key: 2, atMillis: 10_000)
        _ = driver.send(key: 2, atMillis: 4_000)
        let ended = driver.watermark(millis: 10_000 + gapMillis)
        #expect(ended.map(\.firstEventTime) == [.millis(4_000)])
        #expect(ended.map(\.timeoutTime) == [.millis(10_000 + gapMillis)])
    }

    @Test func sessionsOfSeveralUsersEndInTimeThenKeyOrder() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction(inactivityGap: .seconds(10))))
        _ = driver.send(key: 9, atMillis: 0)
        _ = driver.send(key: 3, atMillis: 0)
        _ = driver.send(key: 5, atMillis: -5_000)
        #expect(driver.watermark(millis: 10_000).map(\.key) == [5, 3, 9])
    }

    @Test func sparkGroupStateTimeoutFiresOnlyWhenWatermarkMovesBeyondIt() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction(inactivityGap: .seconds(10)), timerRule: .sparkGroupState))
        _ = driver.send(key: 1, atMillis: 0)
        // Spark: "timeout occurs when the watermark advances beyond the timestamp".
        #expect(driver.watermark(millis: 10_000).isEmpty)
        #expect(driver.watermark(Instant.millis(10_000) + Duration(micros: 1)).map(\.key) == [1])
    }

    @Test func sparkGroupStateKeepsOneTimeoutPerKey() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction(inactivityGap: .seconds(10)), timerRule: .sparkGroupState))
        _ = driver.send(key: 1, atMillis: 0)
        _ = driver.send(key: 1, atMillis: 3_000)
        _ = driver.send(key: 1, atMillis: 1_000)
        #expect(driver.subject.pendingTimerCount(.eventTime) == 1)
        #expect(driver.watermark(millis: 12_000).isEmpty)
        #expect(driver.watermark(millis: 13_001).map(\.eventCount) == [3])
    }
}

extension StatefulSessionTimeoutTests {
    @Test func eventAfterTheGapClosesTheOldSessionEvenBeforeTheWatermarkFiresItsTimer() {
        var driver = StatefulDriver(Operator(SessionTimeoutFunction()))
        _ = driver.send(key: 1, atMillis: 0)
        // The record comes before the watermark it will produce.
        let closed = driver.send(key: 1, atMillis: gapMillis)
        #expect(closed.map(\.timeoutTime) == [.millis(gapMillis)])
        #expect(closed.map(\.eventCount) == [1])
        #expect(driver.watermark(millis: gapMillis).isEmpty)
        #expect(driver.watermark(millis: 2 * gapMillis).map(\.firstEventTime) == [.millis(gapMillis)])
    }
}
