import SimKernel
import Workloads

/// Lesson function: alert when a SKU's stock falls below `threshold` (10 by
/// default), and keep the alert fresh within `alertInterval` (2 minutes by
/// default) of simulated processing time.
///
/// Each event is a stock reading: `Event.value` is the level after the
/// change. A reading older (by event time) than the newest one seen for the
/// SKU is stale and ignored, so an out-of-order reading cannot undo a newer
/// one. The first reading below the threshold alerts at once, on the
/// element, so the alert's latency is the engine's own: one per-record cost
/// in the record engine, up to a trigger interval in the micro-batch engine.
/// While the stock stays low, a processing-time timer repeats the alert
/// every `alertInterval`; a downstream that lost an alert (at-most-once
/// delivery) still hears one within 2 minutes. A reading at or above the
/// threshold ends the episode and deletes the timer.
public struct InventoryAlertFunction: KeyedProcessFunction {
    public struct State: Equatable, Sendable {
        public var latestEventTime: Instant
        public var level: Double
        /// The processing time of the pending repeat alert, while low.
        public var repeatAt: Instant?
    }

    public struct Alert: Equatable, Sendable {
        public enum Reason: Sendable, Equatable { case fellBelowThreshold, stillBelowThreshold }
        public var key: Int32
        public var level: Double
        /// Event time of the reading that showed the level.
        public var readingTime: Instant
        /// Processing time at which the alert was emitted.
        public var alertProcessingTime: Instant
        public var reason: Reason
    }

    public let threshold: Double
    public let alertInterval: Duration

    public init(threshold: Double = 10, alertInterval: Duration = .minutes(2)) {
        precondition(alertInterval > .zero, "the alert interval must be positive")
        self.threshold = threshold
        self.alertInterval = alertInterval
    }

    public func processElement(_ event: Event, state: inout State?, context: inout KeyedProcessContext<Alert>) {
        if let current = state, event.eventTime < current.latestEventTime { return }
        var next = state ?? State(latestEventTime: event.eventTime, level: event.value, repeatAt: nil)
        next.latestEventTime = event.eventTime
        next.level = event.value
        if event.value < threshold {
            if next.repeatAt == nil {
                context.emit(alert(next, reason: .fellBelowThreshold, context: context))
                next.repeatAt = context.processingTime + alertInterval
            }
            // Re-register on every call: a no-op in Flink, required by Spark's GroupState.
            context.registerTimer(.processingTime, at: next.repeatAt!)
        } else if let pending = next.repeatAt {
            context.deleteTimer(.processingTime, at: pending)
            next.repeatAt = nil
        }
        state = next
    }

    public func onTimer(
        at time: Instant, domain: TimerDomain, state: inout State?, context: inout KeyedProcessContext<Alert>
    ) {
        guard var current = state, domain == .processingTime, current.repeatAt == time else { return }
        context.emit(alert(current, reason: .stillBelowThreshold, context: context))
        // A timer fired late (an engine that only calls the operator per
        // record) schedules from now, so a quiet hour yields one alert, not 30.
        let next = max(time, context.processingTime) + alertInterval
        current.repeatAt = next
        context.registerTimer(.processingTime, at: next)
        state = current
    }

    private func alert(_ state: State, reason: Alert.Reason, context: KeyedProcessContext<Alert>) -> Alert {
        Alert(
            key: context.key, level: state.level, readingTime: state.latestEventTime,
            alertProcessingTime: context.processingTime, reason: reason)
    }
}
