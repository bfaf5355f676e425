import SimKernel

/// TheWorldShop's inventory as an event-sourced aggregate: the event log is
/// the record of truth and the table (SKU → units in stock) is a fold over it.
///
/// Event types:
/// - `listed` (units): a SKU enters the catalogue with its first stock.
/// - `orderPlaced` (quantity in `units`).
/// - `restocked` (units): stock arrives; it re-lists a sold-out SKU.
/// Schema versions belong to the log (the release that wrote the event). v2
/// added `quantity` to `orderPlaced`; v1 orders have none because every order
/// was one unit. Old events are never rewritten: the upcaster turns each v1
/// event into v2 as it is read, so the fold only knows v2.
/// A SKU whose stock reaches 0 is sold out and its row is deleted.
public struct RecordedEvent: Equatable, Sendable {
    public enum EventType: String, Sendable { case listed, orderPlaced = "order-placed", restocked }

    /// Position in the event log, from 1.
    public var sequence: Int
    public var recordedAt: Instant
    public var type: EventType
    public var schemaVersion: Int
    public var sku: Int32
    /// Units listed or restocked, or the order's quantity; nil in a v1 order (no such field).
    public var units: Int64?

    public init(sequence: Int, recordedAt: Instant, type: EventType, schemaVersion: Int, sku: Int32, units: Int64?) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.type = type
        self.schemaVersion = schemaVersion
        self.sku = sku
        self.units = units
    }
}

public enum InventoryFold {
    /// The schema version the fold understands.
    public static let currentVersion = 2

    /// v1 → v2: the version moves to 2, and a v1 order, which carried no
    /// quantity because every order was one unit, gets quantity 1. Events
    /// already at v2 pass unchanged.
    public static func upcast(_ event: RecordedEvent) -> RecordedEvent {
        guard event.schemaVersion == 1 else { return event }
        var upcast = event
        upcast.schemaVersion = 2
        if event.type == .orderPlaced { upcast.units = 1 }
        return upcast
    }

    /// Applies one current-schema event to the table.
    public static func apply(_ event: RecordedEvent, to table: inout [Int32: Int64]) {
        precondition(event.schemaVersion == currentVersion, "upcast before folding (got v\(event.schemaVersion) \(event.type.rawValue))")
        let units = event.units ?? 0
        switch event.type {
        case .listed:
            table[event.sku] = units
        case .restocked:
            table[event.sku, default: 0] += units
        case .orderPlaced:
            guard let stock = table[event.sku] else { return }
            table[event.sku] = stock - units > 0 ? stock - units : nil
        }
    }

    /// The table after `events` (any schema version), starting from `initial`.
    public static func replay(_ events: some Sequence<RecordedEvent>, from initial: [Int32: Int64] = [:]) -> [Int32: Int64] {
        var table = initial
        for event in events { apply(upcast(event), to: &table) }
        return table
    }
}
