import Dataflow
import SimKernel
import Workloads

/// The stateful query the delivery experiments run: per key, a running total
/// of signed values (TheWorldShop's stock level: restocks add, orders
/// subtract) emitted for every event, plus a tumbling event-time window with
/// the count and sum of its events, emitted when the watermark closes it.
///
/// It is a value type on purpose: a checkpoint *is* a copy of this struct
/// (copy-on-write makes the snapshot cheap), so "restore the last complete
/// checkpoint" is an assignment and can never half-restore.
///
/// Window rules (../shared/DESIGN.md):
/// - Windows are `[start, end)`; tumbling windows start at `ts − (ts mod size)`.
/// - Flink: the event-time trigger fires when `window.maxTimestamp (end − 1) <= watermark`,
///   and an element is late when `maxTimestamp + allowedLateness (0) <= watermark`.
/// - Spark: a windowed row is late when `window.end <= watermark`, and append
///   mode emits a window once, when `window.end <= eviction watermark`.
public struct KeyedTotalsOperator: StreamOperator {
    public typealias Output = PipelineOutput

    public enum WindowRule: String, Sendable { case flink, spark }

    struct WindowState: Equatable {
        var count: Double
        var sum: Double
        var latestEventTime: Instant
        var latestArrivalTime: Instant
    }

    public let windowSizeMicros: Int64
    public let rule: WindowRule
    /// The sign applied to an event's value per `Event.kind` (kinds beyond the
    /// array count +1).
    public let kindSigns: [Double]

    var totals: [Int32: Double] = [:]
    var windows: [Int64: [Int32: WindowState]] = [:]
    /// Open window starts, ascending, so closing them never iterates a Dictionary.
    var openStarts: [Int64] = []
    public private(set) var droppedLateCount: Int = 0

    public init(windowSizeMicros: Int64, rule: WindowRule, kindSigns: [Double] = []) {
        precondition(windowSizeMicros > 0, "window size must be positive")
        self.windowSizeMicros = windowSizeMicros
        self.rule = rule
        self.kindSigns = kindSigns
    }

    public func total(of key: Int32) -> Double { totals[key] ?? 0 }

    func windowEnd(_ start: Int64) -> Int64 { start + windowSizeMicros }

    /// True when a window ending at `end` is closed by `watermark` under this rule.
    func isClosed(end: Int64, by watermark: Instant) -> Bool {
        guard watermark != .min else { return false }
        switch rule {
        case .flink: return end - 1 <= watermark.micros  // Flink: maxTimestamp <= watermark
        case .spark: return end <= watermark.micros      // Spark: window.end <= watermark
        }
    }

    public mutating func process(_ event: Event, context: inout OperatorContext<PipelineOutput>) {
        let sign = Int(event.kind) < kindSigns.count ? kindSigns[Int(event.kind)] : 1
        let total = (totals[event.key] ?? 0) + sign * event.value
        totals[event.key] = total
        context.emit(PipelineOutput(
            identity: .event(event.id, key: event.key), key: event.key, value: total, sum: event.value,
            latestEventTime: event.eventTime, latestArrivalTime: event.arrivalTime))
        let ts = event.eventTime.micros
        let start = ts - ((ts % windowSizeMicros) + windowSizeMicros) % windowSizeMicros
        if isClosed(end: windowEnd(start), by: context.watermark) {
            droppedLateCount += 1
            context.droppedLateCount += 1
            return
        }
        if windows[start] == nil {
            windows[start] = [:]
            let index = openStarts.firstIndex { $0 > start } ?? openStarts.endIndex
            openStarts.insert(start, at: index)
        }
        var state = windows[start]![event.key] ?? WindowState(count: 0, sum: 0, latestEventTime: .min, latestArrivalTime: .min)
        state.count += 1
        state.sum += event.value
        state.latestEventTime = max(state.latestEventTime, event.eventTime)
        state.latestArrivalTime = max(state.latestArrivalTime, event.arrivalTime)
        windows[start]![event.key] = state
    }

    /// Emits (in start, key order) and evicts every window the watermark closes.
    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<PipelineOutput>) {
        while let start = openStarts.first, isClosed(end: windowEnd(start), by: watermark) {
            openStarts.removeFirst()
            let byKey = windows.removeValue(forKey: start) ?? [:]
            for key in byKey.keys.sorted() {
                let state = byKey[key]!
                context.emit(PipelineOutput(
                    identity: .window(key: key, startMicros: start), key: key, value: state.count, sum: state.sum,
                    latestEventTime: state.latestEventTime, latestArrivalTime: state.latestArrivalTime))
            }
        }
    }

    /// True when advancing to `watermark` would emit or evict a window (Spark
    /// runs a no-data batch exactly then).
    public func wouldEvict(at watermark: Instant) -> Bool {
        guard let start = openStarts.first else { return false }
        return isClosed(end: windowEnd(start), by: watermark)
    }

    public var openWindowCount: Int { openStarts.count }
}
