import SimKernel

/// A Debezium-like change-data-capture stream from a simulated table.
///
/// Model: a table of rows (integer key → integer value) changes through
/// inserts, updates and deletes; every committed change appends one change
/// event carrying the row before and after (Debezium's `before`/`after`), the
/// operation (`c`, `u`, `d`), and a log sequence number that increases by one
/// per change, as a database's write-ahead log position does. Replaying the
/// changelog in LSN order from an empty table rebuilds the table exactly, which
/// is what a stream-table join's table side relies on.
///
/// The connector side follows Debezium's envelope: `op`, `before`, `after`,
/// a `source` block with the change's log position (`lsn`, as the PostgreSQL
/// connector names it) and the database's commit time (`source.ts_ms`), and a
/// top-level `ts_ms` for when the connector processed the change. The
/// connector here polls the log every `pollInterval` (Debezium's
/// `poll.interval.ms`, 500 ms by default), so `capturedAt` is the first poll
/// tick at or after the commit. See `ChangeDataCapture+Envelope.swift`.
public struct ChangeDataCapture {
    public enum Operation: String, Sendable { case create = "c", update = "u", delete = "d" }

    public struct Change: Equatable, Sendable {
        public var lsn: Int
        public var operation: Operation
        public var key: Int32
        public var before: Int64?
        public var after: Int64?
        public var committedAt: Instant
        /// When the connector read the change from the log (Debezium's top-level `ts_ms`).
        public var capturedAt: Instant
    }

    public private(set) var rows: [Int32: Int64] = [:]
    public private(set) var changelog: [Change] = []

    /// The connector's polling period (Debezium `poll.interval.ms`).
    public let pollInterval: Duration

    public init(pollInterval: Duration = .millis(500)) {
        precondition(pollInterval.micros > 0, "the connector polls at a positive interval")
        self.pollInterval = pollInterval
    }

    /// Inserts or updates a row; returns the change event (nil when the value is unchanged,
    /// since a no-op UPDATE writes no row change).
    @discardableResult
    public mutating func upsert(key: Int32, value: Int64, at time: Instant) -> Change? {
        let before = rows[key]
        if before == value { return nil }
        rows[key] = value
        return append(before == nil ? .create : .update, key: key, before: before, after: value, at: time)
    }

    /// Deletes a row; returns nil when it did not exist.
    @discardableResult
    public mutating func delete(key: Int32, at time: Instant) -> Change? {
        guard let before = rows.removeValue(forKey: key) else { return nil }
        return append(.delete, key: key, before: before, after: nil, at: time)
    }

    private mutating func append(_ operation: Operation, key: Int32, before: Int64?, after: Int64?, at time: Instant) -> Change {
        precondition(changelog.last.map { $0.committedAt <= time } ?? true, "changes commit in time order")
        let change = Change(lsn: changelog.count + 1, operation: operation, key: key, before: before, after: after, committedAt: time,
                            capturedAt: nextPoll(atOrAfter: time))
        changelog.append(change)
        return change
    }

    /// The first poll tick (a multiple of `pollInterval`) at or after `time`.
    func nextPoll(atOrAfter time: Instant) -> Instant {
        let period = pollInterval.micros
        let remainder = ((time.micros % period) + period) % period
        return remainder == 0 ? time : Instant(micros: time.micros - remainder + period)
    }

    /// Rebuilds a table by applying changes in LSN order (the consumer side).
    public static func materialize(_ changes: some Sequence<Change>) -> [Int32: Int64] {
        var table: [Int32: Int64] = [:]
        for change in changes {
            switch change.operation {
            case .create, .update: table[change.key] = change.after
            case .delete: table.removeValue(forKey: change.key)
            }
        }
        return table
    }
}
