import Collections
import SimKernel
import Workloads

/// Kafka Streams' sliding windows (`SlidingWindows.ofTimeDifferenceAndGrace`):
/// windows defined by the records, not by a fixed hop. Every rule below is
/// from `KStreamSlidingWindowAggregate.java` (apache/kafka,
/// streams/src/main/java/org/apache/kafka/streams/kstream/internals; read at
/// commit 1eb7644, October 2024). No pip package ships Kafka Streams, so the
/// lab cannot run it; `KafkaSlidingWindowTests` checks hand-derived cases.
///
/// - Kafka's record timestamps are milliseconds, and so is this table's
///   arithmetic: a record's time is its event time floored to the
///   millisecond, and the "+ 1" below is one millisecond. (The time
///   difference and the grace are whole milliseconds, as query files give them.)
/// - A window `[start, end]` has `end = start + timeDifference` and is
///   **inclusive at both ends** (the `SlidingWindows` javadoc; the operator
///   compares `startTime <= ts` and `endTime >= ts`). The lab emits it as the
///   half-open `TimeWindow(start, end + 1 ms)`, whose `maxTimestamp` is the
///   window's last microsecond.
/// - A record at `ts` has a *left* window `[ts − d, ts]`, which it closes
///   (`createWindows`), or `[0, d]` when `ts < d` (`processEarly`: no window
///   starts before 0). Its *right* window `[ts + 1, ts + 1 + d]` exists only
///   while some record falls in it (`rightWindowIsNotEmpty`), and the
///   previous record's right window `[prev + 1, prev + 1 + d]` is created
///   when the new record falls in it
///   (`previousRecordRightWindowDoesNotExistAndIsNotEmpty`: `prev + 1 + d >= ts`).
///   Every existing window with `start <= ts <= end` takes the record.
/// - Grace: `windowCloseTime = observedStreamTime − grace`. A record is
///   skipped as expired when `ts + d < windowCloseTime` (its latest window
///   has closed); a window is updated or created only while
///   `end >= windowCloseTime` (`updateWindowAndForward`), so it closes once
///   `end < windowCloseTime`. `emitRangeUpperBound = closeTime − d − 1`
///   emits a final result for every window with `end < closeTime`
///   (`EmitStrategy.onWindowClose`, as `suppress(untilWindowCloses)`).
///
/// The lab's kafka-streams preset feeds the per-event watermark
/// `streamTime − grace − 1 µs` (`KafkaStreamsStreamTime`), so in
/// milliseconds `windowCloseTime = floor((watermark + 1 µs) / 1 ms)`, and a
/// window closes (`end < closeTime`) exactly when its half-open form's
/// `maxTimestamp <= watermark`: Flink's firing rule.
public struct KafkaSlidingTable {
    struct Retained {
        var timeMillis: Int64
        var value: Double
        var eventTime: Instant
        var arrival: Instant
        /// Arrival order: a new window adds its records in this order, as
        /// every other window does, so float sums come out bit for bit the same.
        var sequence: Int64
    }

    struct KeyState {
        /// Records that a future window could still include, sorted by time.
        var records: [Retained] = []
        /// Open windows by start (ms), and their starts in order.
        var windows: [Int64: Accumulator] = [:]
        var starts: [Int64] = []

        /// The first index whose record time is not below `time` (`strictly`: above it).
        func recordIndex(after time: Int64, strictly: Bool) -> Int {
            var (low, high) = (0, records.count)
            while low < high {
                let middle = (low + high) / 2
                let below = strictly ? records[middle].timeMillis <= time : records[middle].timeMillis < time
                if below { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The first index in `starts` not below `start`.
        func startIndex(_ start: Int64) -> Int {
            var (low, high) = (0, starts.count)
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < start { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    struct Timer: Comparable {
        var endMillis: Int64
        var key: Int32
        var startMillis: Int64
        static func < (lhs: Timer, rhs: Timer) -> Bool {
            (lhs.endMillis, lhs.key, lhs.startMillis) < (rhs.endMillis, rhs.key, rhs.startMillis)
        }
    }

    let difference: Int64
    let keepsValues: Bool
    var keys: [Int32: KeyState] = [:]
    var timers = Heap<Timer>()
    var nextSequence: Int64 = 0
    public private(set) var liveCount = 0

    public init(timeDifference: Duration, keepsValues: Bool) {
        precondition(timeDifference > .zero && timeDifference.micros % 1_000 == 0,
                     "a sliding window needs a positive whole number of milliseconds")
        difference = timeDifference.micros / 1_000
        self.keepsValues = keepsValues
    }

    static func floorMillis(_ micros: Int64) -> Int64 {
        micros >= 0 ? micros / 1_000 : -((-micros + 999) / 1_000)
    }

    /// `observedStreamTime − grace` in ms, from the watermark in force.
    public static func closeTimeMillis(watermark: Instant) -> Int64 {
        if watermark == .min { return .min }
        if watermark == .max { return .max }  // the end of a bounded input closes every window
        return floorMillis(watermark.micros + 1)
    }

    /// The watermark (µs) at which the earliest open window closes, or nil.
    public var earliestCloseWatermarkMicros: Int64? { timers.min.map { ($0.endMillis &+ 1) &* 1_000 &- 1 } }

    /// Adds a record. False when it counts in no window: skipped as expired
    /// (`ts + d < closeTime`), or every window it belongs to has closed (Kafka
    /// Streams logs each as "skipping record for expired window" and counts
    /// it in the dropped-records sensor).
    mutating func add(_ event: Event, key: Int32, closeTimeMillis closeTime: Int64) -> Bool {
        let ts = Self.floorMillis(event.eventTime.micros)
        if ts &+ difference < closeTime { return false }
        // Moved out of the dictionary so it is mutated in place, not copied.
        var state = keys.removeValue(forKey: key) ?? KeyState()
        defer { keys[key] = state }
        let firstAtOrAfter = state.recordIndex(after: ts, strictly: false)
        let firstAfter = state.recordIndex(after: ts, strictly: true)
        let previous = firstAtOrAfter > 0 ? state.records[firstAtOrAfter - 1].timeMillis : nil
        let hasLater = firstAfter < state.records.count && state.records[firstAfter].timeMillis <= ts &+ 1 &+ difference
        var newStarts: [Int64] = [ts < difference ? 0 : ts &- difference]
        if let previous, previous &+ 1 &+ difference >= ts { newStarts.append(previous &+ 1) }
        for start in newStarts where state.windows[start] == nil && start &+ difference >= closeTime {
            create(start: start, key: key, state: &state)
        }
        // Every open window containing ts takes the record: start in [ts − d, ts], end >= closeTime.
        var counted = false
        var index = state.startIndex(Swift.max(ts &- difference, closeTime == .min ? .min : closeTime &- difference))
        while index < state.starts.count && state.starts[index] <= ts {
            state.windows[state.starts[index]]!.add(value: event.value, eventTime: event.eventTime, arrivalTime: event.arrivalTime)
            counted = true
            index += 1
        }
        state.records.insert(
            Retained(timeMillis: ts, value: event.value, eventTime: event.eventTime, arrival: event.arrivalTime, sequence: nextSequence),
            at: firstAfter)
        nextSequence += 1
        // The record's right window, made once the record is retained but holding only later records.
        if hasLater && state.windows[ts &+ 1] == nil { create(start: ts &+ 1, key: key, state: &state) }
        return counted
    }

    /// A new window holds every retained record inside it, as Kafka Streams
    /// seeds it from the neighbouring window's aggregate.
    mutating func create(start: Int64, key: Int32, state: inout KeyState) {
        let end = start &+ difference
        var accumulator = Accumulator(keepsValues: keepsValues)
        let first = state.recordIndex(after: start, strictly: false)
        var last = first
        while last < state.records.count && state.records[last].timeMillis <= end { last += 1 }
        for record in state.records[first..<last].sorted(by: { $0.sequence < $1.sequence }) {
            accumulator.add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrival)
        }
        state.windows[start] = accumulator
        state.starts.insert(start, at: state.startIndex(start))
        timers.insert(Timer(endMillis: end, key: key, startMillis: start))
        liveCount += 1
    }

    /// Emits and drops every window with `end < closeTime`, in (end, key,
    /// start) order, and forgets records no open or future window can include
    /// or find as its previous record (`ts + 1 + d < closeTime`: even the
    /// record's right window has closed).
    mutating func close(watermark: Instant, into outputs: inout [WindowResult]) {
        let closeTime = Self.closeTimeMillis(watermark: watermark)
        // Bounded: one timer per window, popped once.
        while let timer = timers.min, timer.endMillis < closeTime {
            _ = timers.popMin()
            var state = keys.removeValue(forKey: timer.key)!
            let accumulator = state.windows.removeValue(forKey: timer.startMillis)!
            state.starts.remove(at: state.startIndex(timer.startMillis))
            liveCount -= 1
            let window = TimeWindow(start: .millis(timer.startMillis), end: .millis(timer.endMillis &+ 1))
            outputs.append(WindowResult(key: timer.key, window: window, aggregates: accumulator))
            // Sorted, so the forgotten records are a prefix.
            let forget = closeTime == .max ? state.records.count : state.recordIndex(after: closeTime &- 1 &- difference, strictly: false)
            state.records.removeFirst(forget)
            if !(state.records.isEmpty && state.starts.isEmpty) { keys[timer.key] = state }
        }
    }
}
