import SimKernel
import Workloads

/// Runs a `KeyedProcessFunction` as a `StreamOperator`, so the record,
/// micro-batch and batch engines all drive it through the same three calls.
///
/// Model. The operator keeps one `State?` per key and one `TimerService`
/// keyed by `Event.key`. How due timers are chosen follows one of two real
/// systems (`TimerRule`):
///
/// - `.flink`: Flink's `KeyedProcessFunction`. Event-time timers fire while
///   `timer <= watermark`; processing-time timers while `timer <= processing
///   time` (../shared/DESIGN.md, "Apache Flink": timers fire while
///   `timer <= watermark`). The record engine calls `advanceWatermark` per
///   watermark, so timers fire between records.
/// - `.sparkGroupState`: Spark's `flatMapGroupsWithState`. A key has at most
///   one timeout; the timeout is cleared whenever the function is called for
///   the key, so the function must set it again (GroupState: "the timeout is
///   reset every time the function is called on a group"); and a timeout
///   fires only when the watermark (or the batch timestamp) has moved
///   *beyond* it, i.e. `timeout < watermark`. The micro-batch engine calls
///   `advanceWatermark` once, at the end of the batch, with the batch's
///   eviction watermark, so timeouts are evaluated at batch end.
///
/// Processing-time timers fire when an engine calls `advanceProcessingTime`,
/// and also whenever the operator is next invoked at a later processing time
/// (before a record under `.flink`, at the end-of-batch watermark call under
/// `.sparkGroupState`, where Spark evaluates timeouts). Engines that call the
/// operator only per record and per batch therefore still fire them, at most
/// one invocation late, and always deterministically.
///
/// Due timers fire in (time, key) order, so output never depends on hash
/// order. A timer callback may register a new timer that is already due;
/// the operator keeps firing until none is due, bounded by
/// `maximumTimerRoundsPerAdvance` (a guard against a function that
/// re-registers `now` forever, a programmer error).
public struct KeyedProcessOperator<Function: KeyedProcessFunction>: StreamOperator {
    public typealias Output = Function.Output

    public enum TimerRule: Sendable, Equatable {
        case flink
        case sparkGroupState
    }

    public let function: Function
    public let timerRule: TimerRule
    public private(set) var states: [Int32: Function.State] = [:]
    private var timers = TimerService<Int32>()
    /// Spark keeps a single timeout per group: remember it so that a new
    /// call can clear it.
    private var sparkTimeouts: [Int32: (domain: TimerDomain, time: Instant)] = [:]
    /// State reads plus writes, for the engines' cost models.
    public private(set) var stateAccessCount: Int = 0
    /// Timers that fired, for the engines' cost models and for tests.
    public private(set) var firedTimerCount: Int = 0

    static var maximumTimerRoundsPerAdvance: Int { 1_000_000 }

    public init(_ function: Function, timerRule: TimerRule = .flink) {
        self.function = function
        self.timerRule = timerRule
    }

    /// The number of keys that currently hold state.
    public var keyCount: Int { states.count }

    public func pendingTimerCount(_ domain: TimerDomain) -> Int { timers.count(domain.serviceDomain) }

    public mutating func process(_ event: Event, context: inout OperatorContext<Output>) {
        if timerRule == .flink { fireDue(.processingTime, upTo: context.processingTime, context: &context) }
        let key = event.key
        if timerRule == .sparkGroupState, let old = sparkTimeouts.removeValue(forKey: key) {
            timers.delete(old.domain.serviceDomain, key: key, at: old.time)
        }
        var keyed = KeyedProcessContext<Output>(
            key: key, watermark: context.watermark, processingTime: context.processingTime)
        var state = states[key]
        function.processElement(event, state: &state, context: &keyed)
        finish(key: key, state: state, keyed: keyed, context: &context)
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Output>) {
        fireDue(.eventTime, upTo: watermark, context: &context)
        fireDue(.processingTime, upTo: context.processingTime, context: &context)
    }

    public mutating func advanceProcessingTime(to time: Instant, context: inout OperatorContext<Output>) {
        fireDue(.processingTime, upTo: time, context: &context)
    }

    /// The earliest processing time at which a pending timer fires: its own
    /// time under Flink's `<=`, one microsecond later under Spark's "beyond".
    public mutating func nextProcessingTimeTimer() -> Instant? {
        guard let time = timers.nextTime(.processingTime) else { return nil }
        return timerRule == .flink ? time : time + Duration(micros: 1)
    }

    /// Fires every due timer of `domain`. Spark's "beyond" rule is `<`, so
    /// its bound is one microsecond earlier than Flink's `<=`.
    private mutating func fireDue(_ domain: TimerDomain, upTo now: Instant, context: inout OperatorContext<Output>) {
        guard now != .min else { return }
        let bound = timerRule == .flink ? now : now - Duration(micros: 1)
        var rounds = 0
        while rounds < Self.maximumTimerRoundsPerAdvance {
            let due = timers.popDue(domain.serviceDomain, upTo: bound)
            if due.isEmpty { return }
            for timer in due { fire(timer.key, at: timer.time, domain: domain, context: &context) }
            rounds += 1
        }
        preconditionFailure("keyed process function re-registers due timers without end")
    }

    private mutating func fire(_ key: Int32, at time: Instant, domain: TimerDomain, context: inout OperatorContext<Output>) {
        if timerRule == .sparkGroupState { sparkTimeouts.removeValue(forKey: key) }
        firedTimerCount += 1
        var keyed = KeyedProcessContext<Output>(
            key: key, watermark: context.watermark, processingTime: context.processingTime)
        var state = states[key]
        function.onTimer(at: time, domain: domain, state: &state, context: &keyed)
        finish(key: key, state: state, keyed: keyed, context: &context)
    }

    /// Writes the state back, applies timer requests and forwards outputs.
    private mutating func finish(
        key: Int32, state: Function.State?, keyed: KeyedProcessContext<Output>, context: inout OperatorContext<Output>
    ) {
        stateAccessCount += 2  // one read, one write
        states[key] = state
        for request in keyed.timerRequests { apply(request, key: key) }
        context.outputs.append(contentsOf: keyed.outputs)
    }

    private mutating func apply(_ request: KeyedProcessContext<Output>.TimerRequest, key: Int32) {
        switch request {
        case let .register(domain, time):
            if timerRule == .sparkGroupState {
                // GroupState holds one timeout: setting a new one replaces it.
                if let old = sparkTimeouts[key] { timers.delete(old.domain.serviceDomain, key: key, at: old.time) }
                sparkTimeouts[key] = (domain, time)
            }
            timers.register(domain.serviceDomain, key: key, at: time)
        case let .delete(domain, time):
            if timerRule == .sparkGroupState, let old = sparkTimeouts[key], old.domain == domain, old.time == time {
                sparkTimeouts.removeValue(forKey: key)
            }
            timers.delete(domain.serviceDomain, key: key, at: time)
        }
    }
}
