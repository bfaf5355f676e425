import SimKernel

/// How a change looks on the wire and on screen.
///
/// The JSON line follows the value payload of a Debezium change event, in the
/// order Debezium writes it: `before` (null for a create), `after` (null for a
/// delete), `source` (connector, table, the log position `lsn`, the commit time
/// `ts_ms`), `op` (`c`, `u`, `d`) and the connector's own `ts_ms`. The `schema`
/// half of Debezium's JSON converter output is left out, as with
/// `value.converter.schemas.enable=false`. The key (the row's primary key) goes
/// in the record key and is repeated inside `before`/`after`, as Debezium does.
/// Source: Debezium's connector documentation, "change event values" (the
/// envelope's `op` values c/u/d/r, `before` and `after` as optional row
/// structs, `source` with the connector's log position and the database's
/// change time, and the optional top-level `ts_ms` set by the connector).
/// Snapshot reads (`op: r`) are not modelled: the table starts empty.
public struct ChangeEnvelope: Sendable {
    public var table: String
    public var keyColumn: String
    public var valueColumn: String

    public init(table: String, keyColumn: String, valueColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
        self.valueColumn = valueColumn
    }

    /// One JSON object per change, fields in Debezium's order.
    public func json(_ change: ChangeDataCapture.Change, keyName: String) -> String {
        let source = #"{"connector":"streamlab","table":"\#(table)","lsn":\#(change.lsn),"ts_ms":\#(Self.millis(change.committedAt))}"#
        return #"{"before":\#(row(change.before, keyName)),"after":\#(row(change.after, keyName)),"source":\#(source),"#
            + #""op":"\#(change.operation.rawValue)","ts_ms":\#(Self.millis(change.capturedAt))}"#
    }

    /// One aligned line per change for people.
    public func text(_ change: ChangeDataCapture.Change, keyName: String, clock: (Instant) -> String) -> String {
        let before = change.before.map(String.init) ?? "-"
        let after = change.after.map(String.init) ?? "-"
        let values = "\(valueColumn) \(before) -> \(after)"
        return "lsn \(pad(String(change.lsn), 6)) op \(change.operation.rawValue)  \(pad(keyName, 8)) \(pad(values, 24))"
            + "committed \(clock(change.committedAt))  captured \(clock(change.capturedAt))"
    }

    func row(_ value: Int64?, _ keyName: String) -> String {
        guard let value else { return "null" }
        return #"{"\#(keyColumn)":"\#(keyName)","\#(valueColumn)":\#(value)}"#
    }

    /// Milliseconds, floored (Debezium's `ts_ms` is whole milliseconds).
    static func millis(_ time: Instant) -> Int64 {
        time.micros >= 0 ? time.micros / 1_000 : -((-time.micros + 999) / 1_000)
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
