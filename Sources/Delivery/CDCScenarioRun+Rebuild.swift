import Engines
import SimKernel

/// `cdc --rebuild`: the inventory table rebuilt from the event log, in full
/// and from the latest snapshot plus its tail, with v1 orders upcast as they
/// are read; and what a replay without the upcaster would get wrong.
extension CDCScenarioRun {
    func rebuildReport(_ shop: ShopInventory) -> [String] {
        let events = shop.store.events
        let v1 = events.filter { $0.schemaVersion == 1 }.count
        let v1Orders = events.filter { $0.schemaVersion == 1 && $0.type == .orderPlaced }.count
        let types = [RecordedEvent.EventType.listed, .orderPlaced, .restocked].map { type in
            "\(type.rawValue) \(events.filter { $0.type == type }.count)"
        }
        var lines = [header(" --rebuild --snapshot-every \(snapshotEvery)")]
        lines.append("event log: \(events.count) events (\(types.joined(separator: ", "))); \(v1) written as v1 (\(v1Orders) order-placed without quantity),"
                     + " schema v2 from \(clockText(shop.schemaV2At)); "
                     + "\(shop.store.snapshots.count) snapshot\(shop.store.snapshots.count == 1 ? "" : "s")")
        let full = shop.store.fullReplay()
        let fromSnapshot = shop.store.rebuildFromSnapshot()
        lines.append("full replay: read \(full.eventsRead) events, upcast \(full.eventsUpcast) v1 -> v2: \(full.table.count) rows")
        let origin = fromSnapshot.snapshotSequence.map { "snapshot at event \($0)" } ?? "no snapshot yet"
        lines.append("\(origin) + tail: read \(fromSnapshot.eventsRead) events, upcast \(fromSnapshot.eventsUpcast): \(fromSnapshot.table.count) rows")
        lines.append("same table: \(full.table == fromSnapshot.table ? "yes" : "NO"); same as the database's table (CDC): \(full.table == shop.database.rows ? "yes" : "NO")")
        let unconverted = Self.replayWithoutUpcaster(events)
        let wrong = Set(full.table.keys).union(unconverted.keys).filter { full.table[$0] != unconverted[$0] }.count
        lines.append("without the upcaster (v1 orders read as quantity 0): \(wrong) of \(full.table.count) rows wrong")
        return lines
    }

    /// The mistake the upcaster prevents: a v1 event read as if it were v2, its missing quantity taken as 0.
    static func replayWithoutUpcaster(_ events: [RecordedEvent]) -> [Int32: Int64] {
        var table: [Int32: Int64] = [:]
        for var event in events {
            event.schemaVersion = InventoryFold.currentVersion
            if event.type == .orderPlaced && event.units == nil { event.units = 0 }
            InventoryFold.apply(event, to: &table)
        }
        return table
    }
}
