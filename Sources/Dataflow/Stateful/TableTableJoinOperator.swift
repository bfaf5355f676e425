import SimKernel
import Workloads

/// A table-table join: both inputs are changelogs (CDC streams of inserts,
/// updates and deletes keyed by primary key), and the output is an updating
/// table, itself a changelog.
///
/// Model (Flink SQL's regular inner join on upsert inputs, `StreamingJoinOperator`):
/// each side keeps the current row per key. A change on one side is joined
/// with the other side's current row, and the result is emitted as a
/// changelog with Flink's row kinds: `+I` when a joined row appears, `-U`
/// then `+U` when it changes, `-D` when it disappears. Changes are applied
/// in arrival order, with no watermark: the *final* joined table equals the
/// inner join of both sides' final tables whatever the order (the property
/// the tests check), while the intermediate changelog depends on order.
/// State is never evicted (Flink keeps it until a state TTL, off by default).
public struct TableTableJoinOperator: StreamOperator {
    /// Flink's `RowKind`.
    public enum RowKind: String, Sendable, Equatable {
        case insert = "+I"
        case updateBefore = "-U"
        case updateAfter = "+U"
        case delete = "-D"
    }

    public struct Row: Equatable, Sendable {
        public var value: Double
        public var attribute: Int32
    }

    public struct Change: Equatable, Sendable {
        public var kind: RowKind
        public var key: Int32
        public var left: Row
        public var right: Row
    }
    public typealias Output = Change

    public let keyBy: KeySelector
    public let classify: @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)?
    private var leftRows: [Int32: Row] = [:]
    private var rightRows: [Int32: Row] = [:]
    public private(set) var stateAccessCount = 0

    public init(
        keyBy: KeySelector = .key,
        classify: @escaping @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)?
    ) {
        self.keyBy = keyBy
        self.classify = classify
    }

    public mutating func process(_ event: Event, context: inout OperatorContext<Change>) {
        guard let (side, operation) = classify(event) else { return }
        let key = keyBy.key(of: event)
        let new = operation == .delete ? nil : Row(value: event.value, attribute: event.attribute)
        let old: Row?
        let other: Row?
        switch side {
        case .left:
            old = leftRows[key]
            leftRows[key] = new
            other = rightRows[key]
        case .right:
            old = rightRows[key]
            rightRows[key] = new
            other = leftRows[key]
        }
        stateAccessCount += 3
        guard let other else { return }
        func joined(_ row: Row, _ kind: RowKind) -> Change {
            side == .left
                ? Change(kind: kind, key: key, left: row, right: other)
                : Change(kind: kind, key: key, left: other, right: row)
        }
        switch (old, new) {
        case (nil, let row?): context.emit(joined(row, .insert))
        case (let before?, let after?) where before != after:
            context.emit(joined(before, .updateBefore))
            context.emit(joined(after, .updateAfter))
        case (let before?, nil): context.emit(joined(before, .delete))
        default: break
        }
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Change>) {}

    /// Applies a changelog of joined rows to a table: what a downstream upsert
    /// sink would hold. Sorted by key.
    public static func materialize(_ changes: [Change]) -> [(key: Int32, left: Row, right: Row)] {
        var table: [Int32: (left: Row, right: Row)] = [:]
        for change in changes {
            switch change.kind {
            case .insert, .updateAfter: table[change.key] = (change.left, change.right)
            case .updateBefore, .delete: table[change.key] = nil
            }
        }
        return table.keys.sorted().map { (key: $0, left: table[$0]!.left, right: table[$0]!.right) }
    }
}
