import SimKernel
import Workloads

/// Lesson function: flag a card when `transactionCount` transactions (3 by
/// default) from as many different places happen within `span` (10 minutes
/// by default) of event time. `Event.attribute` is the place.
///
/// "Within `span`" means the transactions' event times fit in a half-open
/// interval `[start, start + span)`, the same convention as a window.
/// Transactions may arrive out of order, so on each one the function checks
/// every interval of length `span` that contains it, starting at a buffered
/// transaction's time. After an alert the buffer is cleared, so one burst
/// raises one alert (the pattern of Flink's fraud-detection walkthrough).
///
/// State cleanup follows the watermark: a transaction at `t` can only share
/// an interval with transactions before `t + span`, so an event-time timer at
/// `t + span - 1` evicts it once the watermark reaches that time and no
/// partner can arrive on time (Flink: timers fire while `timer <= watermark`,
/// and a watermark `w` promises no more records with `ts <= w`).
public struct FraudRuleFunction: KeyedProcessFunction {
    public struct Transaction: Equatable, Sendable {
        public var eventTime: Instant
        public var place: Int32
        public var id: UInt64
    }

    /// Buffered transactions, sorted by event time then id.
    public typealias State = [Transaction]

    public struct Alert: Equatable, Sendable {
        public var key: Int32
        /// The transaction whose arrival completed the pattern.
        public var triggeringEventTime: Instant
        /// The distinct places, sorted.
        public var places: [Int32]
        public var intervalStart: Instant
    }

    public let transactionCount: Int
    public let span: Duration

    public init(transactionCount: Int = 3, span: Duration = .minutes(10)) {
        precondition(transactionCount >= 2, "a fraud rule needs at least two transactions")
        precondition(span > .zero, "the span must be positive")
        self.transactionCount = transactionCount
        self.span = span
    }

    public func processElement(_ event: Event, state: inout State?, context: inout KeyedProcessContext<Alert>) {
        var buffer = state ?? []
        let transaction = Transaction(eventTime: event.eventTime, place: event.attribute, id: event.id)
        let index = buffer.firstIndex { ($0.eventTime, $0.id) > (transaction.eventTime, transaction.id) } ?? buffer.endIndex
        buffer.insert(transaction, at: index)
        context.registerTimer(.eventTime, at: transaction.eventTime + span - Duration(micros: 1))
        if let alert = firstMatch(in: buffer, containing: transaction, key: context.key) {
            context.emit(alert)
            state = nil
            return
        }
        state = buffer
    }

    public func onTimer(
        at time: Instant, domain: TimerDomain, state: inout State?, context: inout KeyedProcessContext<Alert>
    ) {
        guard let buffer = state else { return }
        let kept = buffer.filter { $0.eventTime + span - Duration(micros: 1) > time }
        state = kept.isEmpty ? nil : kept
    }

    /// The earliest interval `[start, start + span)` that contains `pivot`
    /// and holds `transactionCount` distinct places.
    private func firstMatch(in buffer: State, containing pivot: Transaction, key: Int32) -> Alert? {
        for candidate in buffer where candidate.eventTime <= pivot.eventTime {
            let start = candidate.eventTime
            guard pivot.eventTime < start + span else { continue }
            var places: [Int32] = []
            for transaction in buffer where transaction.eventTime >= start && transaction.eventTime < start + span {
                if !places.contains(transaction.place) { places.append(transaction.place) }
            }
            if places.count >= transactionCount {
                return Alert(key: key, triggeringEventTime: pivot.eventTime, places: places.sorted(), intervalStart: start)
            }
        }
        return nil
    }
}
