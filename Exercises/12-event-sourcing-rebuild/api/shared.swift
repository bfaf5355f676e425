// Exercise 12: the event types both programs share (StreamLab's own are in
// Sources/Delivery/EventSourcing/InventoryEvents.swift).
//
// An inventory event log. Versions belong to the log: events written before
// the v2 release are v1. v2 added `units` (the quantity) to `orderPlaced`; a
// v1 order has `units == nil` because every order was one unit.

struct StockEvent: Equatable, CustomStringConvertible {
    enum Kind: String { case listed, orderPlaced = "order-placed", restocked }

    /// Position in the log, from 1.
    var sequence: Int
    var kind: Kind
    var version: Int
    var sku: String
    /// Units listed or restocked, or the order's quantity; nil in a v1 order.
    var units: Int?

    var description: String {
        "#\(sequence) \(kind.rawValue) v\(version) \(sku)" + (units.map { " \($0)" } ?? " (no quantity)")
    }
}

/// The table after event `sequence` (it includes that event).
struct Snapshot: Equatable {
    var sequence: Int
    var stock: [String: Int]
}

extension StockEvent: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.put(sequence); writer.put(kind.rawValue); writer.put(version); writer.put(sku); writer.put(units)
    }
    static func decode(from reader: inout WireReader) throws -> StockEvent {
        let sequence = try reader.get(Int.self)
        guard let kind = Kind(rawValue: try reader.get(String.self)) else { throw WireError.malformed("kind") }
        return StockEvent(sequence: sequence, kind: kind, version: try reader.get(), sku: try reader.get(), units: try reader.get())
    }
}

extension Snapshot: WireCodable {
    func encode(to writer: inout WireWriter) { writer.put(sequence); writer.put(stock) }
    static func decode(from reader: inout WireReader) throws -> Snapshot {
        Snapshot(sequence: try reader.get(), stock: try reader.get())
    }
}
