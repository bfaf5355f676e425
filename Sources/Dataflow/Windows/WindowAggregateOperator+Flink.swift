import SimKernel
import Workloads

/// Flink's `WindowOperator` with the `EventTimeTrigger`, for assigned
/// (tumbling, sliding) and merging (session) windows.
///
/// - A window is late when `cleanupTime = maxTimestamp + allowedLateness <= watermark`
///   (`WindowOperator.isWindowLate`); a record is added to each of its windows
///   that is not late.
/// - A record none of whose windows took it, and with
///   `ts + allowedLateness <= watermark` (`isElementLate`), goes to the late
///   side output or is counted in `numLateRecordsDropped`.
/// - `EventTimeTrigger.onElement` fires at once when `maxTimestamp <= watermark`
///   (so a late-but-allowed record re-fires its window with the full
///   contents); otherwise it registers a timer at `maxTimestamp`, which fires
///   while `timer <= watermark`.
/// - The cleanup timer at `cleanupTime` drops the window's state; at equal
///   times the fire timer runs first, as Flink's `onEventTime` fires and then
///   clears.
extension WindowAggregateOperator {
    /// The instant at which the fire timer of `window` is due.
    @inline(__always)
    func flinkFireTime(_ window: TimeWindow) -> Instant {
        // The deliberately wrong `<` rule fires one microsecond later.
        lateness.mutation == .flinkTriggerLessThan ? window.maxTimestamp + Duration(micros: 1) : window.maxTimestamp
    }

    @inline(__always)
    func flinkCleanupTime(_ window: TimeWindow) -> Instant {
        let cleanup = LatenessRules.flinkCleanupTime(window, allowedLateness: allowedLateness)
        // The `<` rule keeps state one microsecond longer as well.
        return lateness.mutation == .flinkTriggerLessThan && cleanup != .max ? cleanup + Duration(micros: 1) : cleanup
    }

    mutating func flinkProcessAssigned(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        var skipped = true
        if slide == size {
            // Tumbling: exactly one window, `TumblingEventTimeWindows.assignWindows`.
            let start = tumblingStart(containing: event.eventTime.micros)
            if start != lastTumblingStartMicros { lastTumblingStartMicros = start }
            let window = TimeWindow(start: Instant(micros: start), end: Instant(micros: start &+ size.micros))
            // A window turns hot on its second record in a row here: a keyed
            // stream hopping between keys would otherwise swap on every record.
            let isRepeat = assigned.wasLastLookedUp(key: key, start: start)
            let slot = flinkAdd(event, key: key, to: window, skipped: &skipped, context: &context)
            if slot >= 0 && isRepeat { makeHot(key: key, window: window, slot: slot) }
        } else {
            WindowAssigner.forEachWindow(containing: event.eventTime, size: size, slide: slide, offset: offset) { window in
                flinkAdd(event, key: key, to: window, skipped: &skipped, context: &context)
            }
        }
        if skipped && flinkIsElementLate(event, watermark: context.watermark) { reportLate(event, context: &context) }
    }

    /// `WindowOperator.processElement` for one assigned window. Returns the
    /// window's slot, or -1 when the window is late and took nothing.
    @inline(__always) @discardableResult
    mutating func flinkAdd(
        _ event: Event, key: Int32, to window: TimeWindow, skipped: inout Bool, context: inout OperatorContext<WindowResult>
    ) -> Int {
        let watermark = context.watermark
        if lateness.flinkIsWindowLate(window, allowedLateness: allowedLateness, watermark: watermark) { return -1 }
        skipped = false
        let (slot, created) = assigned.slot(key: key, window: window)
        assigned.add(to: slot, value: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        if created { flinkSchedule(.cleanup, window: window, at: flinkCleanupTime(window)) }
        if lateness.flinkShouldFire(window, watermark: watermark) {
            context.emit(assigned.result(of: slot))
        } else if created {
            flinkSchedule(.fire, window: window, at: flinkFireTime(window))
        }
        return slot
    }

    /// Registers a window timer, and lowers the bound below which advancing
    /// the watermark has nothing to do. Inlined: every new window asks twice,
    /// and for all but a pane's first window it is two comparisons.
    @inline(__always)
    mutating func flinkSchedule(_ kind: WindowTimer.Kind, window: TimeWindow, at time: Instant) {
        assigned.schedule(kind, window: window, at: time)
        watermarkIdleBelowMicros = Swift.min(watermarkIdleBelowMicros, time.micros)
    }

    /// Registers a session's timers (queued lazily, `SessionTable+Timers`), and
    /// lowers the bound below which advancing the watermark has nothing to do.
    mutating func flinkWant(list: Int, at index: Int, fire: Instant?, cleanup: Instant) {
        let queued = sessions.want(list: list, at: index, fireMicros: fire?.micros ?? SessionTable.none, cleanupMicros: cleanup.micros)
        if let queued { watermarkIdleBelowMicros = Swift.min(watermarkIdleBelowMicros, queued) }
    }

    /// Kafka Streams' sliding windows (`KafkaSlidingTable`): the watermark in
    /// force is `streamTime − grace − 1 µs`, from which the table takes its
    /// `windowCloseTime`.
    mutating func kafkaSlidingProcess(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        let closeTime = KafkaSlidingTable.closeTimeMillis(watermark: context.watermark)
        if kafkaSliding!.add(event, key: key, closeTimeMillis: closeTime) {
            watermarkIdleBelowMicros = Swift.min(watermarkIdleBelowMicros, kafkaSliding!.earliestCloseWatermarkMicros ?? .max)
        } else {
            reportLate(event, context: &context)
        }
    }

    mutating func flinkProcessSession(_ event: Event, key: Int32, context: inout OperatorContext<WindowResult>) {
        let watermark = context.watermark
        let proposed = sessions.proposedWindow(for: event.eventTime)
        let existing = sessions.list(of: key)
        let (range, merged) = sessions.mergeRange(list: existing, with: proposed)
        // Flink checks lateness on the window after merging (`actualWindow`).
        if lateness.flinkIsWindowLate(merged, allowedLateness: allowedLateness, watermark: watermark) {
            if flinkIsElementLate(event, watermark: watermark) { reportLate(event, context: &context) }
            return
        }
        let (list, index, isNew) = sessions.merge(key: key, list: existing, range: range, merged: merged)
        sessions.add(list: list, at: index, event: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
        let shouldFire = lateness.flinkShouldFire(merged, watermark: watermark)
        if isNew {
            // A cleanup timer always; `EventTimeTrigger.onMerge` registers the
            // fire timer only while `maxTimestamp > watermark`.
            flinkWant(list: list, at: index, fire: shouldFire ? nil : flinkFireTime(merged), cleanup: flinkCleanupTime(merged))
        }
        if shouldFire { context.emit(sessions.result(list: list, at: index)) }
    }

    @inline(__always)
    func flinkIsElementLate(_ event: Event, watermark: Instant) -> Bool {
        lateness.flinkIsElementLate(event.eventTime, allowedLateness: allowedLateness, watermark: watermark)
    }

    /// Runs every timer with `time <= watermark`, in (time, key, start, kind) order.
    mutating func flinkAdvance(to watermark: Instant, context: inout OperatorContext<WindowResult>) {
        if kafkaSliding != nil {
            kafkaSliding!.close(watermark: watermark, into: &context.outputs)
            watermarkIdleBelowMicros = kafkaSliding!.earliestCloseWatermarkMicros ?? .max
        } else if window.isSession {
            // Timers fire while `timer <= watermark` (DESIGN.md, "Apache Flink").
            // Bounded: each open session has at most two queued timers, and a
            // re-queued one is due later.
            while let due = sessions.nextDue(where: { $0 <= watermark.micros }) {
                switch due.due {
                case .fire:
                    context.emit(sessions.result(list: due.list, at: due.index))
                case .cleanup:
                    sessions.remove(list: due.list, at: due.index)
                case .fireThenCleanup:
                    context.emit(sessions.result(list: due.list, at: due.index))
                    sessions.remove(list: due.list, at: due.index)
                }
            }
            watermarkIdleBelowMicros = sessions.earliestQueuedMicros ?? .max
        } else {
            // Timers fire while `timer <= watermark` (DESIGN.md, "Apache Flink");
            // a pane's timer stands for those of all its windows.
            // Bounded: each open pane has at most two timers.
            while let time = assigned.earliestTimerMicros, time <= watermark.micros {
                let timer = assigned.popEarliestTimer()
                switch timer.kind {
                case .fire:
                    assigned.emitPane(start: timer.start, firing: true, into: &context.outputs)
                case .cleanup:
                    assigned.dropPane(start: timer.start)
                }
            }
            watermarkIdleBelowMicros = assigned.earliestTimerMicros ?? .max
        }
    }
}
