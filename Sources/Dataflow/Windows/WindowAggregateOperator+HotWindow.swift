import SimKernel
import Workloads

/// Flink rules, tumbling windows, no filter or map: the records that land in
/// one of the table's two hot windows (`HotWindow`) take this path, inlined
/// into the engine's loop; every other record takes the general one.
@usableFromInline
enum HotWindowAdd {
    case added
    /// Added, and `EventTimeTrigger.onElement` fires the window now.
    case addedAndFires
    /// `isWindowLate`: nothing added; the general path handles the record.
    case windowIsLate
}

extension WindowAggregateOperator {
    /// `WindowOperator.processElement` for a record of a hot window that is
    /// not late; false hands the record to the general path, which also
    /// decides what a record of a late window is. Same steps as `flinkAdd`
    /// for an existing window: the lateness check (`cleanupTime <= watermark`),
    /// the add, and `EventTimeTrigger.onElement` firing at once when
    /// `maxTimestamp <= watermark`.
    @inlinable @inline(__always)
    mutating func flinkAddToHotWindow(_ event: Event, context: inout OperatorContext<WindowResult>) -> Bool {
        let key = isKeyed ? keyBy.key(of: event) : 0
        let watermark = context.watermark
        let outcome: HotWindowAdd
        let slot: Int
        if assigned.hot.holds(key: key, timestamp: event.eventTime) {
            outcome = Self.flinkAdd(event, to: &assigned.hot, rules: lateness, watermark: watermark)
            slot = assigned.hot.slot
        } else if assigned.warm.holds(key: key, timestamp: event.eventTime) {
            outcome = Self.flinkAdd(event, to: &assigned.warm, rules: lateness, watermark: watermark)
            slot = assigned.warm.slot
        } else {
            return false
        }
        switch outcome {
        case .added: return true
        case .addedAndFires: flinkFire(slot: slot, context: &context); return true
        case .windowIsLate: return false
        }
    }

    /// Adds `event` to `hot` unless the window is late.
    @inlinable @inline(__always)
    static func flinkAdd(_ event: Event, to hot: inout HotWindow, rules: LatenessRules, watermark: Instant) -> HotWindowAdd {
        if rules.flinkIsWindowLate(cleanupTime: hot.cleanupTime, watermark: watermark) { return .windowIsLate }
        hot.accumulator.add(value: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        return rules.flinkShouldFire(hot.window, watermark: watermark) ? .addedAndFires : .added
    }

    /// A late but allowed record re-fires its window with the full contents.
    @usableFromInline
    mutating func flinkFire(slot: Int, context: inout OperatorContext<WindowResult>) {
        context.emit(assigned.result(of: slot))
    }

    /// Makes `window` of `key`, which just took a record into `slot`, hot.
    /// Not with a filter or map: the hot path skips them.
    mutating func makeHot(key: Int32, window: TimeWindow, slot: Int) {
        guard filter == nil && map == nil else { return }
        assigned.makeHot(slot: slot, key: key, window: window,
                         cleanupTime: LatenessRules.flinkCleanupTime(window, allowedLateness: allowedLateness))
    }
}
