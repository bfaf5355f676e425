import Testing
import SimKernel
@testable import Dataflow

@Suite struct TimerServiceTests {
    @Test func eventTimeTimerFiresWhenWatermarkEqualsItsTime() {
        var timers = TimerService<Int32>()
        timers.register(.eventTime, key: 1, at: .millis(100))
        #expect(timers.popDue(.eventTime, upTo: .millis(99)).isEmpty)
        let due = timers.popDue(.eventTime, upTo: .millis(100))
        #expect(due.map(\.key) == [1])
        #expect(timers.count(.eventTime) == 0)
    }

    @Test func duplicateRegistrationKeepsOneTimerAndDeleteRemovesIt() {
        var timers = TimerService<Int32>()
        timers.register(.eventTime, key: 7, at: .millis(5))
        timers.register(.eventTime, key: 7, at: .millis(5))
        #expect(timers.count(.eventTime) == 1)
        timers.delete(.eventTime, key: 7, at: .millis(5))
        timers.delete(.eventTime, key: 7, at: .millis(5))
        #expect(timers.popDue(.eventTime, upTo: .max).isEmpty)
    }

    @Test func simultaneousTimersFireOrderedByKeyNotRegistration() {
        var timers = TimerService<Int32>()
        for key: Int32 in [9, 2, 5] { timers.register(.processingTime, key: key, at: .millis(10)) }
        timers.register(.processingTime, key: 1, at: .millis(11))
        let due = timers.popDue(.processingTime, upTo: .millis(11))
        #expect(due.map(\.key) == [2, 5, 9, 1])
    }
}
