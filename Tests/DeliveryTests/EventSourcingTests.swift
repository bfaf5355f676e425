import Delivery
import SimKernel
import Testing
import Workloads

/// Rebuilding TheWorldShop's inventory from its event log (`EventStore`, `InventoryFold`, `ShopInventory`).
@Suite struct EventSourcingTests {
    func event(_ sequence: Int, _ type: RecordedEvent.EventType, sku: Int32, units: Int64?, version: Int = 2) -> RecordedEvent {
        RecordedEvent(sequence: sequence, recordedAt: .seconds(Int64(sequence)), type: type, schemaVersion: version, sku: sku, units: units)
    }

    @Test func aV1OrderIsUpcastToOneUnitAV1ListingKeepsItsUnitsAndV2PassesUnchanged() {
        let v1 = event(1, .orderPlaced, sku: 4, units: nil, version: 1)
        #expect(InventoryFold.upcast(v1) == event(1, .orderPlaced, sku: 4, units: 1))
        let v2 = event(2, .orderPlaced, sku: 4, units: 3)
        #expect(InventoryFold.upcast(v2) == v2)
        #expect(InventoryFold.upcast(event(3, .listed, sku: 4, units: 5, version: 1)) == event(3, .listed, sku: 4, units: 5))
    }

    @Test func replayListsSellsDeletesAtZeroAndRelistsOnRestock() {
        let events = [
            event(1, .listed, sku: 1, units: 3), event(2, .orderPlaced, sku: 1, units: nil, version: 1),
            event(3, .orderPlaced, sku: 1, units: 2), event(4, .listed, sku: 2, units: 5),
            event(5, .orderPlaced, sku: 1, units: 1), event(6, .restocked, sku: 2, units: 4),
        ]
        #expect(InventoryFold.replay(events.prefix(3)) == [:])
        #expect(InventoryFold.replay(events) == [2: 9])
        #expect(InventoryFold.replay(events + [event(7, .restocked, sku: 1, units: 6)]) == [1: 6, 2: 9])
    }

    @Test func snapshotPlusTailGivesTheFullReplayFromFewerEvents() {
        var store = EventStore(snapshotEvery: 4)
        var sequence = 0
        func next(_ type: RecordedEvent.EventType, _ sku: Int32, _ units: Int64?, _ version: Int = 2) -> RecordedEvent {
            sequence += 1
            return event(sequence, type, sku: sku, units: units, version: version)
        }
        for sku in Int32(0)..<3 { store.append(next(.listed, sku, 10)) }
        for index in 0..<8 { store.append(next(.orderPlaced, Int32(index % 3), index < 5 ? nil : 2, index < 5 ? 1 : 2)) }
        let full = store.fullReplay()
        let fast = store.rebuildFromSnapshot()
        #expect(store.snapshots.map(\.sequence) == [4, 8])
        #expect(full.table == fast.table)
        #expect(full.table == [0: 6, 1: 6, 2: 7])
        #expect(full.eventsRead == 11 && fast.eventsRead == 3 && fast.snapshotSequence == 8)
        #expect(full.eventsUpcast == 5 && fast.eventsUpcast == 0)
    }

    @Test func theEventLogAndTheCDCChangelogRebuildTheSameTable() throws {
        let scenario = try ScenarioCatalog.load("theworldshop-viral-night")
        let order = try #require(scenario.kindIndex("order")), stock = try #require(scenario.kindIndex("stock"))
        var shop = ShopInventory(orderKind: order, stockKind: stock, initialStock: 4, schemaV2At: .seconds(81_300), snapshotEvery: 50)
        for event in scenario.makeGenerator(seed: 3, maxEvents: 2_000) { shop.handle(event) }
        #expect(shop.store.events.contains { $0.schemaVersion == 1 } && shop.store.events.contains { $0.type == .orderPlaced && $0.schemaVersion == 2 })
        #expect(shop.database.changelog.contains { $0.operation == .delete })
        #expect(shop.store.fullReplay().table == shop.rows)
        #expect(shop.store.rebuildFromSnapshot().table == shop.rows)
        #expect(ChangeDataCapture.materialize(shop.database.changelog) == shop.rows)
        #expect(shop.store.rebuildFromSnapshot().eventsRead < shop.store.events.count)
    }
}
