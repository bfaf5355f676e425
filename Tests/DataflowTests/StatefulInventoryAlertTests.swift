import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulInventoryAlertTests {
    typealias Operator = KeyedProcessOperator<InventoryAlertFunction>
    typealias Alert = InventoryAlertFunction.Alert

    @Test func readingBelowTenAlertsOnTheElementAtItsProcessingTime() {
        var driver = StatefulDriver(Operator(InventoryAlertFunction()))
        _ = driver.processingTime(millis: 500)
        #expect(driver.send(key: 3, atMillis: 100, value: 10).isEmpty)
        let alerts = driver.send(key: 3, atMillis: 200, value: 9)
        #expect(alerts == [Alert(
            key: 3, level: 9, readingTime: .millis(200), alertProcessingTime: .millis(500), reason: .fellBelowThreshold)])
    }

    @Test func stillLowStockRepeatsTheAlertExactlyEveryTwoMinutes() {
        var driver = StatefulDriver(Operator(InventoryAlertFunction()))
        _ = driver.processingTime(millis: 1_000)
        _ = driver.send(key: 1, atMillis: 0, value: 2)
        #expect(driver.send(key: 1, atMillis: 10, value: 1).isEmpty)
        #expect(driver.processingTime(millis: 120_999).isEmpty)
        let repeated = driver.processingTime(millis: 121_000)
        #expect(repeated.map(\.reason) == [.stillBelowThreshold])
        #expect(repeated.map(\.level) == [1])
        #expect(driver.processingTime(millis: 241_000).map(\.alertProcessingTime) == [.millis(241_000)])
    }

    @Test func restockEndsTheEpisodeAndTheNextDropAlertsAgain() {
        var driver = StatefulDriver(Operator(InventoryAlertFunction()))
        #expect(driver.send(key: 1, atMillis: 0, value: 5).count == 1)
        #expect(driver.send(key: 1, atMillis: 1, value: 50).isEmpty)
        #expect(driver.subject.pendingTimerCount(.processingTime) == 0)
        #expect(driver.processingTime(millis: 600_000).isEmpty)
        #expect(driver.send(key: 1, atMillis: 2, value: 4).map(\.reason) == [.fellBelowThreshold])
    }

    @Test func staleReadingCannotUndoANewerOne() {
        var driver = StatefulDriver(Operator(InventoryAlertFunction()))
        _ = driver.send(key: 7, atMillis: 5_000, value: 3)
        #expect(driver.send(key: 7, atMillis: 4_000, value: 80).isEmpty)
        #expect(driver.subject.states[7]?.level == 3)
        #expect(driver.processingTime(millis: 120_000).count == 1)
    }

    @Test func sparkGroupStateRepeatsAlertOnlyAfterBatchTimestampPassesIt() {
        var driver = StatefulDriver(Operator(InventoryAlertFunction(), timerRule: .sparkGroupState))
        _ = driver.send(key: 1, atMillis: 0, value: 1)
        #expect(driver.processingTime(millis: 120_000).isEmpty)
        #expect(driver.processingTime(millis: 120_001).map(\.reason) == [.stillBelowThreshold])
    }
}
