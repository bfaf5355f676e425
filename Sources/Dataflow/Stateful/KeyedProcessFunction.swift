import SimKernel
import Workloads

/// A per-key event handler with state and timers: Flink's
/// `KeyedProcessFunction`, and the function a Spark
/// `flatMapGroupsWithState` call runs per group.
///
/// The function itself holds only configuration (a gap, a threshold). Its
/// per-key state lives in `KeyedProcessOperator`, which hands it in as
/// `inout State?` (`nil` means "no state for this key", as an empty Flink
/// `ValueState` or a Spark `GroupState` whose `exists` is false). Setting it
/// to `nil` clears the key's state.
public protocol KeyedProcessFunction {
    associatedtype State
    associatedtype Output

    /// Called for each record of the key (Flink `processElement`).
    func processElement(_ event: Event, state: inout State?, context: inout KeyedProcessContext<Output>)

    /// Called when a timer the key registered is due (Flink `onTimer`).
    func onTimer(
        at time: Instant, domain: TimerDomain, state: inout State?, context: inout KeyedProcessContext<Output>
    )
}

/// The two clocks a timer can follow.
public enum TimerDomain: Sendable, Equatable {
    case eventTime, processingTime

    var serviceDomain: TimerService<Int32>.Domain { self == .eventTime ? .eventTime : .processingTime }
}

/// What a keyed process function sees during one call: its key, the clocks,
/// a place to emit outputs, and timer registration (Flink's `Context` and
/// `TimerService` rolled into one value, so the call stays a pure function
/// of its inputs).
public struct KeyedProcessContext<Output> {
    public let key: Int32
    /// The event-time watermark in force when the call started.
    public let watermark: Instant
    /// The engine's simulated processing time.
    public let processingTime: Instant
    public internal(set) var outputs: [Output] = []

    enum TimerRequest: Equatable {
        case register(TimerDomain, Instant)
        case delete(TimerDomain, Instant)
    }
    var timerRequests: [TimerRequest] = []

    init(key: Int32, watermark: Instant, processingTime: Instant) {
        self.key = key
        self.watermark = watermark
        self.processingTime = processingTime
    }

    public mutating func emit(_ output: Output) { outputs.append(output) }

    /// Registers a timer for this key. Registering the same (domain, time)
    /// twice keeps one timer, as in Flink.
    public mutating func registerTimer(_ domain: TimerDomain, at time: Instant) {
        timerRequests.append(.register(domain, time))
    }

    public mutating func deleteTimer(_ domain: TimerDomain, at time: Instant) {
        timerRequests.append(.delete(domain, time))
    }
}
