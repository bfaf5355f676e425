import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulFraudRuleTests {
    typealias Operator = KeyedProcessOperator<FraudRuleFunction>

    @Test func threeTransactionsFromThreePlacesWithinTenMinutesRaiseOneAlert() {
        var driver = StatefulDriver(Operator(FraudRuleFunction()))
        #expect(driver.send(key: 1, atMillis: 0, attribute: 10).isEmpty)
        #expect(driver.send(key: 1, atMillis: 60_000, attribute: 20).isEmpty)
        let alerts = driver.send(key: 1, atMillis: 599_999, attribute: 30)
        #expect(alerts == [FraudRuleFunction.Alert(
            key: 1, triggeringEventTime: .millis(599_999), places: [10, 20, 30], intervalStart: .zero)])
        #expect(driver.subject.keyCount == 0)
    }

    @Test func transactionsSpanningExactlyTenMinutesDoNotMatch() {
        var driver = StatefulDriver(Operator(FraudRuleFunction()))
        _ = driver.send(key: 1, atMillis: 0, attribute: 10)
        _ = driver.send(key: 1, atMillis: 60_000, attribute: 20)
        #expect(driver.send(key: 1, atMillis: 600_000, attribute: 30).isEmpty)
    }

    @Test func repeatedPlaceDoesNotCountTwice() {
        var driver = StatefulDriver(Operator(FraudRuleFunction()))
        _ = driver.send(key: 2, atMillis: 0, attribute: 10)
        _ = driver.send(key: 2, atMillis: 1_000, attribute: 10)
        #expect(driver.send(key: 2, atMillis: 2_000, attribute: 20).isEmpty)
        #expect(driver.send(key: 2, atMillis: 3_000, attribute: 30).map(\.places) == [[10, 20, 30]])
    }

    @Test func outOfOrderTransactionCompletesThePattern() {
        var driver = StatefulDriver(Operator(FraudRuleFunction(transactionCount: 3, span: .seconds(60))))
        _ = driver.send(key: 5, atMillis: 50_000, attribute: 1)
        _ = driver.send(key: 5, atMillis: 100_000, attribute: 2)
        let alerts = driver.send(key: 5, atMillis: 45_000, attribute: 3)
        #expect(alerts.map(\.intervalStart) == [.millis(45_000)])
        #expect(alerts.map(\.places) == [[1, 2, 3]])
    }

    @Test func cleanupTimerEvictsATransactionExactlyWhenWatermarkReachesTimePlusSpanMinusOne() {
        var driver = StatefulDriver(Operator(FraudRuleFunction(transactionCount: 2, span: .seconds(60))))
        _ = driver.send(key: 8, atMillis: 0, attribute: 1)
        _ = driver.watermark(Instant.millis(60_000) - Duration(micros: 2))
        #expect(driver.subject.keyCount == 1)
        _ = driver.watermark(Instant.millis(60_000) - Duration(micros: 1))
        #expect(driver.subject.keyCount == 0)
        #expect(driver.subject.pendingTimerCount(.eventTime) == 0)
    }

    @Test func cardsAreIndependent() {
        var driver = StatefulDriver(Operator(FraudRuleFunction(transactionCount: 2, span: .seconds(60))))
        _ = driver.send(key: 1, atMillis: 0, attribute: 1)
        #expect(driver.send(key: 2, atMillis: 1, attribute: 2).isEmpty)
        #expect(driver.send(key: 1, atMillis: 2, attribute: 2).map(\.key) == [1])
    }
}
