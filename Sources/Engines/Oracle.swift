import Dataflow
import SimKernel
import Workloads

/// The oracle: the exact result of a query over the complete data, by event
/// time, with nothing dropped and no notion of arrival order.
///
/// It deliberately shares only the window *assignment* and the
/// `Accumulator` with the engines (both are the lab's single definition of a
/// window and an aggregate), and none of their state handling, timers or
/// watermark logic, so it can catch mistakes in those. Sessions are built by
/// sorting each key's records by event time and merging `[ts, ts + gap)`
/// windows that intersect (touching ones included).
public enum Oracle {
    public static func results<Events: Sequence>(of query: Query, over events: Events) -> [WindowResult]
    where Events.Element == Event {
        var byKey: [Int32: [Event]] = [:]
        for var event in events {
            if let filter = query.filter, !filter(event) { continue }
            if let map = query.map { event = map(event) }
            byKey[query.keyBy.key(of: event), default: []].append(event)
        }
        var results: [WindowResult] = []
        for key in byKey.keys.sorted() {
            let records = byKey[key]!
            let keepsValues = query.aggregates.needsValues
            switch query.window {
            case .session(let gap):
                results += sessions(key: key, records: records, gap: gap, keepsValues: keepsValues)
            case .unwindowed:
                results.append(total(key: key, records: records, keepsValues: keepsValues))
            case .kafkaSliding(let difference):
                results += kafkaSliding(key: key, records: records, difference: difference, keepsValues: keepsValues)
            case .tumbling, .sliding:
                results += assigned(key: key, records: records, window: query.window, keepsValues: keepsValues)
            }
        }
        return results
    }

    static func assigned(key: Int32, records: [Event], window: WindowSpec, keepsValues: Bool) -> [WindowResult] {
        let (size, slide, offset) = window.slidingParameters!
        var windows: [TimeWindow: Accumulator] = [:]
        for record in records {
            WindowAssigner.forEachWindow(containing: record.eventTime, size: size, slide: slide, offset: offset) { window in
                windows[window, default: Accumulator(keepsValues: keepsValues)]
                    .add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrivalTime)
            }
        }
        return windows.keys.sorted().map { WindowResult(key: key, window: $0, aggregates: windows[$0]!) }
    }

    /// A running aggregate's final row: every record of the key.
    static func total(key: Int32, records: [Event], keepsValues: Bool) -> WindowResult {
        var accumulator = Accumulator(keepsValues: keepsValues)
        for record in records { accumulator.add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrivalTime) }
        return WindowResult(key: key, window: .unbounded, aggregates: accumulator)
    }

    /// Kafka Streams' sliding windows over the complete data, from the
    /// invariant `KStreamSlidingWindowAggregate` maintains: each record's left
    /// window (`[ts − d, ts]`, or `[0, d]` when `ts < d`), plus the window
    /// just after each record when some record falls in it; each window holds
    /// every record in `[start, start + d]`, both ends inclusive.
    /// Times in whole milliseconds, Kafka's unit (floored).
    static func kafkaSliding(key: Int32, records: [Event], difference: Duration, keepsValues: Bool) -> [WindowResult] {
        let d = difference.micros / 1_000
        func millis(_ event: Event) -> Int64 { Int64((Double(event.eventTime.micros) / 1_000).rounded(.down)) }
        // By time, each remembering its place in arrival order; a window adds
        // its records in arrival order, as the engines do, so sums agree bit for bit.
        let sorted = records.enumerated().sorted { (millis($0.element), $0.offset) < (millis($1.element), $1.offset) }
        let times = sorted.map { millis($0.element) }
        var starts = Set<Int64>()
        for (index, ts) in times.enumerated() {
            starts.insert(ts < d ? 0 : ts - d)
            if let next = times[(index + 1)...].first(where: { $0 > ts }), next <= ts + 1 + d { starts.insert(ts + 1) }
        }
        return starts.sorted().map { start in
            var accumulator = Accumulator(keepsValues: keepsValues)
            let first = times.partitionPoint { $0 >= start }
            var last = first
            while last < times.count && times[last] <= start + d { last += 1 }
            for record in sorted[first..<last].sorted(by: { $0.offset < $1.offset }).map(\.element) {
                accumulator.add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrivalTime)
            }
            let window = TimeWindow(start: .millis(start), end: .millis(start + d + 1))
            return WindowResult(key: key, window: window, aggregates: accumulator)
        }
    }

        static func sessions(key: Int32, records: [Event], gap: Duration, keepsValues: Bool) -> [WindowResult] {
        let sorted = records.sorted { $0.eventTime < $1.eventTime }
        var results: [WindowResult] = []
        var current: (window: TimeWindow, accumulator: Accumulator)?
        for record in sorted {
            let window = TimeWindow(start: record.eventTime, end: record.eventTime + gap)
            if var open = current, open.window.intersects(window) {
                open.window = open.window.cover(window)
                open.accumulator.add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrivalTime)
                current = open
            } else {
                if let open = current { results.append(WindowResult(key: key, window: open.window, aggregates: open.accumulator)) }
                var accumulator = Accumulator(keepsValues: keepsValues)
                accumulator.add(value: record.value, eventTime: record.eventTime, arrivalTime: record.arrivalTime)
                current = (window, accumulator)
            }
        }
        if let open = current { results.append(WindowResult(key: key, window: open.window, aggregates: open.accumulator)) }
        return results
    }
}

extension EngineRun where Output == WindowResult {
    /// The final value of every window: the last emission of each
    /// (key, window), sorted. Re-fired (Flink) and updated (Spark update
    /// mode) windows count once, with their latest contents.
    public var finalResults: [ComparableRow] {
        var latest: [WindowKey: ComparableRow] = [:]
        for emitted in outputs {
            latest[WindowKey(key: emitted.output.key, window: emitted.output.window)] = emitted.output.comparable
        }
        return latest.values.sorted()
    }
}

/// (key, window): the identity of a result row.
public struct WindowKey: Hashable, Comparable, Sendable {
    public var key: Int32
    public var window: TimeWindow

    public init(key: Int32, window: TimeWindow) {
        self.key = key
        self.window = window
    }

    public static func < (lhs: WindowKey, rhs: WindowKey) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.window < rhs.window
    }
}

extension Array where Element == Int64 {
    /// The first index whose element satisfies `isAtOrAbove` (the array is sorted, the predicate monotone).
    func partitionPoint(_ isAtOrAbove: (Int64) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAbove(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
