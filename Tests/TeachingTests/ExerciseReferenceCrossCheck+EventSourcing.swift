import Delivery
import Foundation
import SimKernel
import Testing
import Workloads

/// Exercise 12's reference against the lab's event store (`ShopInventory`,
/// `InventoryFold`) on TheWorldShop's generated event log: the table its full
/// replay and its snapshot + tail rebuild print must be the lab's table.
extension ExerciseReferenceCrossCheckTests {
    @Test func eventSourcingReferenceRebuildsTheLabsInventoryTable() throws {
        let scenario = try ScenarioCatalog.load(TestPaths.repositoryRoot + "/Datasets/scenarios/theworldshop-viral-night.json")
        let order = try #require(scenario.kindIndex("order")), stock = try #require(scenario.kindIndex("stock"))
        var shop = ShopInventory(orderKind: order, stockKind: stock, initialStock: 6, schemaV2At: .seconds(81_600), snapshotEvery: 1_000)
        for event in scenario.makeGenerator(seed: 3, maxEvents: 8_000) { shop.handle(event) }
        let events = shop.store.events
        #expect(events.contains { $0.schemaVersion == 1 && $0.type == .orderPlaced } && events.contains { $0.schemaVersion == 2 })
        #expect(shop.database.changelog.contains { $0.operation == .delete })
        let lab = shop.rows.keys.sorted().map { "sku-\($0) \(shop.rows[$0]!)" }
        let reference = try runReference(exercise: "12-event-sourcing-rebuild", files: ["api/shared.swift", "reference/InventoryRebuild.swift"],
                                         driver: Self.eventSourcingDriver(snapshotAfter: events.count / 2), events: events.map(Self.encoded))
        #expect(lab.count > 50, "the log should leave many rows, got \(lab.count)")
        #expect(firstDifference(reference, lab.map { "full \($0)" } + lab.map { "snapshot \($0)" }) == nil)
    }

    /// A recorded event in the events file's fields: id = sequence, key = SKU,
    /// value = units (-1 for none), event time = type (0 listed, 1 order, 2 restocked), arrival time = version.
    static func encoded(_ event: RecordedEvent) -> Event {
        let type: Int64 = event.type == .listed ? 0 : (event.type == .orderPlaced ? 1 : 2)
        return Event(id: UInt64(event.sequence), key: event.sku, value: Double(event.units ?? -1),
                     eventTime: Instant(micros: type), arrivalTime: Instant(micros: Int64(event.schemaVersion)))
    }

    /// Rebuilds in full, then from a snapshot the reference takes itself after
    /// `snapshotAfter` events plus the tail; prints both tables in SKU order.
    static func eventSourcingDriver(snapshotAfter: Int) -> String {
        readEvents + """
            let kinds: [StockEvent.Kind] = [.listed, .orderPlaced, .restocked]
            let events = readEvents().map { keyIndex, event in
                StockEvent(sequence: event.id, kind: kinds[Int(event.eventTimeMicros)], version: Int(event.arrivalTimeMicros),
                           sku: "sku-\\(keyIndex)", units: event.value < 0 ? nil : event.value)
            }
            func printed(_ label: String, _ stock: [String: Int]) {
                for sku in stock.keys.sorted(by: { Int($0.dropFirst(4))! < Int($1.dropFirst(4))! }) { print("\\(label) \\(sku) \\(stock[sku]!)") }
            }
            printed("full", rebuild(events, from: nil))
            let snapshot = Snapshot(sequence: \(snapshotAfter), stock: rebuild(Array(events.prefix(\(snapshotAfter))), from: nil))
            printed("snapshot", rebuild(Array(events.dropFirst(\(snapshotAfter))), from: snapshot))

            """
    }
}
