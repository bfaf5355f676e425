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
        if window == .unwindowed {
            sparkProcessUnwindowed(event, key: key)
            return
        }
        assert(!assigned.hasPendingRows, "an engine lets a complete emission finish before the next record")
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
            if created && filtersLate { assigned.schedule(.cleanup, window: window, at: window.end) }
            if outputMode == .update { assigned.markDirty(slot) }
        }
        if dropped { reportLate(event, context: &context) }
    }

    /// `groupBy(key).agg(...)` with no event-time column among the keys: no
    /// row is late and no state is evicted (`StateStoreSaveExec` evicts only
    /// by a watermark on a grouping key), so the one group per key takes
    /// every row and schedules no eviction timer. Update mode emits the rows
    /// changed in the batch, complete mode the whole table.
    mutating func sparkProcessUnwindowed(_ event: Event, key: Int32) {
        let (slot, _) = assigned.slot(key: key, window: .unbounded)
        assigned.add(to: slot, value: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        if outputMode == .update { assigned.markDirty(slot) }
    }

    mutating func sparkProcessSession(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        let proposed = sessions.proposedWindow(for: event.eventTime)
        let filtersLate = outputMode != .complete
        if filtersLate && lateness.sparkIsExpired(windowEnd: proposed.end, watermark: context.watermark) {
            reportLate(event, context: &context)
            return
        }
        let existing = sessions.list(of: key)
        let (range, merged) = sessions.mergeRange(list: existing, with: proposed)
        let (list, index, isNew) = sessions.merge(key: key, list: existing, range: range, merged: merged)
        sessions.add(list: list, at: index, event: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        // Evicted when `window.end <= watermark` (`sparkEvict`).
        if isNew && filtersLate { sessions.want(list: list, at: index, fireMicros: SessionTable.none, cleanupMicros: merged.end.micros) }
        if outputMode == .update { sessions.markDirty(list: list, at: index) }
    }

    mutating func sparkEndBatch(evictionWatermark: Instant, context: inout OperatorContext<WindowResult>) {
        precondition(!assigned.hasPendingRows, "an engine lets the last complete emission finish (continueOutput) first")
        switch outputMode {
        case .append:
            sparkEvict(watermark: evictionWatermark, emitting: true, context: &context)
        case .update:
            if window.isSession {
                for (list, index) in sessions.takeDirty() { context.emit(sessions.result(list: list, at: index)) }
            } else {
                for slot in assigned.takeDirtySlots() { context.emit(assigned.result(of: slot)) }
            }
            sparkEvict(watermark: evictionWatermark, emitting: false, context: &context)
        case .complete:
            if window.isSession {
                for (list, index) in sessions.allSorted() { context.emit(sessions.result(list: list, at: index)) }
            } else {
                _ = assigned.emitLiveWindows(into: &context.outputs, limit: context.outputLimit)
            }
        }
    }

    /// Removes every window with `end <= watermark`, in (end, key, start) order.
    mutating func sparkEvict(watermark: Instant, emitting: Bool, context: inout OperatorContext<WindowResult>) {
        if window.isSession {
            // `window.end <= watermark` (DESIGN.md, "Spark Structured Streaming").
            // Bounded: one queued eviction timer per open session, and a
            // re-queued one is due later.
            while let due = sessions.nextDue(where: { lateness.sparkIsExpired(windowEnd: Instant(micros: $0), watermark: watermark) }) {
                precondition(due.due == .cleanup, "Spark registers no fire timer")
                if emitting { context.emit(sessions.result(list: due.list, at: due.index)) }
                sessions.remove(list: due.list, at: due.index)
            }
        } else {
            // Spark evicts when `window.end <= watermark` (DESIGN.md, "Spark
            // Structured Streaming"); the timer's time is the window's end.
            // Bounded: one eviction timer per open pane.
            while let time = assigned.earliestTimerMicros, lateness.sparkIsExpired(windowEnd: Instant(micros: time), watermark: watermark) {
                let timer = assigned.popEarliestTimer()
                if emitting { assigned.emitPane(start: timer.start, firing: false, into: &context.outputs) }
                assigned.dropPane(start: timer.start)
            }
        }
    }
}
