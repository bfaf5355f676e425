import Testing
import SimKernel
import Workloads
@testable import Dataflow

/// Issue 17's server health alerting: `HeartbeatTimeoutFunction`'s rules.
@Suite struct StatefulHeartbeatTimeoutTests {
    typealias Operator = KeyedProcessOperator<HeartbeatTimeoutFunction>
    typealias Alert = HeartbeatTimeoutFunction.Alert

    @Test func silenceAlertsExactlyWhenTheWatermarkReachesTheLastHeartbeatPlusThirtySeconds() {
        var driver = StatefulDriver(Operator(HeartbeatTimeoutFunction()))
        _ = driver.send(key: 1, atMillis: 1_000)
        _ = driver.send(key: 1, atMillis: 5_000)
        #expect(driver.watermark(Instant.millis(35_000) - Duration(micros: 1)).isEmpty)
        #expect(driver.watermark(millis: 35_000) == [Alert(key: 1, lastHeartbeat: .millis(5_000), deadline: .millis(35_000))])
        // One alert per silence: a later watermark does not repeat it.
        #expect(driver.watermark(millis: 100_000).isEmpty)
    }

    @Test func aHeartbeatAfterTheDeadlineButBeforeTheWatermarkAlertsAtOnceAndStartsANewWatch() {
        var driver = StatefulDriver(Operator(HeartbeatTimeoutFunction()))
        _ = driver.send(key: 2, atMillis: 0)
        #expect(driver.send(key: 2, atMillis: 31_000) == [Alert(key: 2, lastHeartbeat: .zero, deadline: .millis(30_000))])
        #expect(driver.watermark(millis: 30_000).isEmpty)
        #expect(driver.watermark(millis: 61_000).map(\.lastHeartbeat) == [.millis(31_000)])
    }

    @Test func aHeartbeatInsideTheTimeoutMovesTheDeadlineAndAnOlderOneIsIgnored() {
        var driver = StatefulDriver(Operator(HeartbeatTimeoutFunction()))
        _ = driver.send(key: 3, atMillis: 0)
        _ = driver.send(key: 3, atMillis: 20_000)
        _ = driver.send(key: 3, atMillis: 10_000)
        #expect(driver.subject.pendingTimerCount(.eventTime) == 1)
        #expect(driver.watermark(millis: 49_999).isEmpty)
        #expect(driver.watermark(millis: 50_000).map(\.deadline) == [.millis(50_000)])
    }

    @Test func aBacklogWhoseDeadlinesPassedRaisesNoAlertPerStaleHeartbeat() {
        var driver = StatefulDriver(Operator(HeartbeatTimeoutFunction()))
        _ = driver.send(key: 4, atMillis: 0)
        #expect(driver.watermark(millis: 200_000).count == 1)
        // The server's backlog, every 5 s from 5 s to 100 s, arrives after the alert.
        for second in stride(from: Int64(5), through: 100, by: 5) {
            #expect(driver.send(key: 4, atMillis: second * 1_000).isEmpty)
        }
        #expect(driver.subject.pendingTimerCount(.eventTime) == 0)
        #expect(driver.watermark(millis: 300_000).isEmpty)
    }
}
