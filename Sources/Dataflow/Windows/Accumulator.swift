import SimKernel

/// Running aggregates of one window of one key. The same accumulator serves
/// every engine and the oracle.
///
/// The totals are plain stored numbers so the per-record path does not
/// allocate; `values` is kept only when count-distinct or collect is asked for.
public struct Accumulator: Equatable, Sendable {
    /// Everything but the values: plain numbers, copied without reference
    /// counting. A window table stores these per window and keeps the values
    /// apart (`AssignedWindowTable.slotValues`), so its slots are trivial to
    /// copy and to destroy.
    public struct Totals: Equatable, Sendable {
        public var count: Int64 = 0
        public var sum: Double = 0
        public var min: Double = .infinity
        public var max: Double = -.infinity
        /// The latest event time and arrival time that contributed, from which
        /// the harness measures event-time and processing-time latency
        /// (Karimov et al.: "for a window, both are measured from its latest event").
        public var latestEventTime: Instant = .min
        public var latestArrivalTime: Instant = .min

        @inlinable @inline(__always)
        public init() {}

        /// Always inlined: it runs once per record per window, and the call
        /// cost as much as the additions (callgrind).
        @inlinable @inline(__always)
        public mutating func add(value: Double, eventTime: Instant, arrivalTime: Instant) {
            count &+= 1
            sum += value
            if value < min { min = value }
            if value > max { max = value }
            if eventTime > latestEventTime { latestEventTime = eventTime }
            if arrivalTime > latestArrivalTime { latestArrivalTime = arrivalTime }
        }
    }

    public var totals = Totals()
    public var values: [Double]? = nil

    @inlinable public var count: Int64 { get { totals.count } set { totals.count = newValue } }
    @inlinable public var sum: Double { get { totals.sum } set { totals.sum = newValue } }
    @inlinable public var min: Double { get { totals.min } set { totals.min = newValue } }
    @inlinable public var max: Double { get { totals.max } set { totals.max = newValue } }
    @inlinable public var latestEventTime: Instant { get { totals.latestEventTime } set { totals.latestEventTime = newValue } }
    @inlinable public var latestArrivalTime: Instant { get { totals.latestArrivalTime } set { totals.latestArrivalTime = newValue } }

    /// Always inlined: returned through memory from a call, the new value
    /// was read back across two narrower stores on every new window (perf).
    @inlinable @inline(__always)
    public init(keepsValues: Bool = false) {
        if keepsValues { values = [] }
    }

    /// An accumulator of `totals` and `values`, as a window table stores them apart.
    @inlinable @inline(__always)
    public init(totals: Totals, values: [Double]?) {
        self.totals = totals
        self.values = values
    }

    /// Always inlined, as `Totals.add`. Appending to `values` stays a call.
    @inlinable @inline(__always)
    public mutating func add(value: Double, eventTime: Instant, arrivalTime: Instant) {
        totals.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
        if values != nil { appendValue(value) }
    }

    @usableFromInline
    mutating func appendValue(_ value: Double) { values!.append(value) }

    /// Combines two partial aggregates, as merging session windows requires.
    public mutating func merge(_ other: Accumulator) {
        count &+= other.count
        sum += other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        latestEventTime = Swift.max(latestEventTime, other.latestEventTime)
        latestArrivalTime = Swift.max(latestArrivalTime, other.latestArrivalTime)
        if let otherValues = other.values { values = (values ?? []) + otherValues }
    }

    /// In place, exactly what merging this accumulator into a new empty one
    /// gives (`0 + sum`, the minimum against +∞, the maximum against −∞; the
    /// rest, `values` included, unchanged), as a session that grows does,
    /// without building the new accumulator.
    mutating func renewAsMergedIntoEmpty() {
        sum = 0 + sum
        min = Swift.min(.infinity, min)
        max = Swift.max(-.infinity, max)
    }

    public var average: Double { count == 0 ? .nan : sum / Double(count) }

    /// Distinct values, by exact equality of the doubles.
    public var distinctCount: Int64 {
        guard let values else { return 0 }
        return Int64(Set(values).count)
    }

    /// The collected values in ascending order: arrival order differs between
    /// engines, so sorting is what makes `collect` comparable across them.
    public var collected: [Double] { (values ?? []).sorted() }
}

/// One emitted row of a window aggregate.
public struct WindowResult: Equatable, Sendable, CustomStringConvertible {
    public var key: Int32
    public var window: TimeWindow
    public var aggregates: Accumulator
    /// How many times this window has been emitted before (Flink re-fires on
    /// allowed-late data; Spark update mode re-emits changed rows).
    public var emission: Int

    public init(key: Int32, window: TimeWindow, aggregates: Accumulator, emission: Int = 0) {
        self.key = key
        self.window = window
        self.aggregates = aggregates
        self.emission = emission
    }

    /// The identity of a row for comparing engines: key, window and the
    /// aggregate values (not the latency bookkeeping).
    public var comparable: ComparableRow {
        ComparableRow(key: key, start: window.start.micros, end: window.end.micros,
                      count: aggregates.count, sum: aggregates.sum, min: aggregates.min, max: aggregates.max,
                      distinct: aggregates.values == nil ? nil : aggregates.distinctCount,
                      collected: aggregates.values == nil ? nil : aggregates.collected)
    }

    public var description: String {
        "key=\(key) \(window) count=\(aggregates.count) sum=\(aggregates.sum) min=\(aggregates.min) max=\(aggregates.max)"
    }
}

/// A result row reduced to what must agree between engines and the oracle.
public struct ComparableRow: Hashable, Comparable, Sendable {
    public var key: Int32
    public var start: Int64
    public var end: Int64
    public var count: Int64
    public var sum: Double
    public var min: Double
    public var max: Double
    public var distinct: Int64?
    public var collected: [Double]?

    public static func < (lhs: ComparableRow, rhs: ComparableRow) -> Bool {
        (lhs.key, lhs.start, lhs.end, lhs.count, lhs.sum) < (rhs.key, rhs.start, rhs.end, rhs.count, rhs.sum)
    }
}
