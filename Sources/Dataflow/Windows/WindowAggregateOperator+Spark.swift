import SimKernel
import Workloads

/// Spark Structured Streaming's stateful aggregation (`StateStoreSaveExec`,
/// and `SessionWindowStateStoreSaveExec` for sessions), per micro-batch.
///
/// - Late rows: a windowed row is dropped when `window.end <= watermark for
///   late events`, the previous batch's watermark (`WatermarkSupport`'s
///   `LessThanOrEqual`; `eventTimeWatermarkForLateEvents`). For sessions the
///   row's own `[ts, ts + gap)` is checked before merging, as the restore
///   operator filters its input. Complete mode filters nothing.
/// - Eviction at the end of the batch, with the current batch's watermark
///   (`eventTimeWatermarkForEviction`): append emits each evicted window once;
///   update emits every row changed in this batch (even one evicted in the same
///   batch) and evicts silently; complete emits every row and never evicts.
extension WindowAggregateOperator {
    mutating func sparkProcessAssigned(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        let lateWatermark = context.watermark
        let filtersLate = outputMode != .complete
        var dropped = false
        WindowAssigner.forEachWindow(containing: event.eventTime, size: size, slide: slide, offset: offset) { window in
            if filtersLate && lateness.sparkIsExpired(windowEnd: window.end, watermark: lateWatermark) {
                dropped = true
                return
            }
            let (slot, created) = assigned.slot(key: key, window: window)
            assigned.add(to: slot, value: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
            if created && filtersLate { assigned.schedule(.cleanup, slot: slot, at: window.end) }
            if outputMode == .update { assigned.markDirty(slot) }
        }
        if dropped { reportLate(event, context: &context) }
    }

    mutating func sparkProcessSession(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        let proposed = sessions.proposedWindow(for: event.eventTime)
        let filtersLate = outputMode != .complete
        if filtersLate && lateness.sparkIsExpired(windowEnd: proposed.end, watermark: context.watermark) {
            reportLate(event, context: &context)
            return
        }
        let (index, isNew) = sessions.merge(key: key, window: proposed)
        sessions.add(key: key, at: index, event: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        if isNew && filtersLate { sessions.schedule(.cleanup, key: key, window: sessions.window(key: key, at: index), at: sessions.window(key: key, at: index).end) }
        if outputMode == .update { sessions.markDirty(key: key, at: index) }
    }

    mutating func sparkEndBatch(evictionWatermark: Instant, context: inout OperatorContext<WindowResult>) {
        switch outputMode {
        case .append:
            sparkEvict(watermark: evictionWatermark, emitting: true, context: &context)
        case .update:
            if window.isSession {
                for (key, index) in sessions.takeDirty() { context.emit(sessions.result(key: key, at: index)) }
            } else {
                for slot in assigned.takeDirtySlots() { context.emit(assigned.result(of: slot)) }
            }
            sparkEvict(watermark: evictionWatermark, emitting: false, context: &context)
        case .complete:
            if window.isSession {
                for (key, index) in sessions.allSorted() { context.emit(sessions.result(key: key, at: index)) }
            } else {
                for slot in assigned.liveSlotsSorted() { context.emit(assigned.result(of: slot)) }
            }
        }
    }

    /// Removes every window with `end <= watermark`, in (end, key, start) order.
    mutating func sparkEvict(watermark: Instant, emitting: Bool, context: inout OperatorContext<WindowResult>) {
        if window.isSession {
            // Bounded: one eviction timer per session that ever opened.
            while let timer = sessions.timers.min, lateness.sparkIsExpired(windowEnd: Instant(micros: timer.time), watermark: watermark) {
                _ = sessions.timers.removeMin()
                let timerWindow = TimeWindow(start: Instant(micros: timer.start), end: Instant(micros: timer.end))
                guard let index = sessions.index(key: timer.key, window: timerWindow) else { continue }  // merged away
                if emitting { context.emit(sessions.result(key: timer.key, at: index)) }
                sessions.remove(key: timer.key, at: index)
            }
        } else {
            // Bounded: one eviction timer per open window.
            while let timer = assigned.timers.min, lateness.sparkIsExpired(windowEnd: Instant(micros: timer.time), watermark: watermark) {
                _ = assigned.timers.removeMin()
                guard let slot = assigned.slot(for: timer) else { continue }
                if emitting { context.emit(assigned.result(of: slot)) }
                assigned.free(slot)
            }
        }
    }
}
