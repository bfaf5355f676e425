import SimKernel
import Workloads

/// TheWorldShop's inventory service: turns the scenario's orders and stock
/// deliveries into domain events (the event store) and keeps the inventory
/// table in a database whose changelog a CDC connector reads.
///
/// The decisions (the command side): the first order for a SKU lists it with
/// the scenario's `initial_stock_per_sku` units, then sells one; an order for a
/// sold-out SKU is rejected and records nothing; a retried order (same id) is
/// taken once; a stock delivery restocks its SKU. Events recorded before
/// `schemaV2At` are written with schema v1 (an order has no quantity field).
///
/// Two views of the same history come out: the event log (why the stock
/// changed) and the CDC changelog (what the row became). Folding the first
/// and materializing the second give the same table.
public struct ShopInventory {
    public let orderKind: UInt16
    public let stockKind: UInt16
    public let initialStock: Int64
    public let schemaV2At: Instant
    public private(set) var store: EventStore
    public private(set) var database = ChangeDataCapture()
    public private(set) var rejectedOrders = 0
    private var table: [Int32: Int64] = [:]
    private var listedSKUs: Set<Int32> = []
    private var takenOrderIDs: Set<UInt64> = []

    public init(orderKind: UInt16, stockKind: UInt16, initialStock: Int64, schemaV2At: Instant, snapshotEvery: Int?) {
        self.orderKind = orderKind
        self.stockKind = stockKind
        self.initialStock = initialStock
        self.schemaV2At = schemaV2At
        store = EventStore(snapshotEvery: snapshotEvery)
    }

    /// Handles one arriving event (in arrival order: the database commits at arrival).
    public mutating func handle(_ event: Event) {
        let time = event.arrivalTime
        if event.kind == stockKind {
            listedSKUs.insert(event.key)
            record(.restocked, sku: event.key, units: max(1, Int64(event.value.rounded())), at: time)
        } else if event.kind == orderKind, takenOrderIDs.insert(event.id).inserted {
            if table[event.key] == nil {
                guard listedSKUs.insert(event.key).inserted else {
                    rejectedOrders += 1
                    return
                }
                record(.listed, sku: event.key, units: initialStock, at: time)
            }
            record(.orderPlaced, sku: event.key, units: 1, at: time)
        }
    }

    private mutating func record(_ type: RecordedEvent.EventType, sku: Int32, units: Int64, at time: Instant) {
        let v1 = time < schemaV2At
        let event = RecordedEvent(sequence: store.events.count + 1, recordedAt: time, type: type, schemaVersion: v1 ? 1 : 2,
                                  sku: sku, units: v1 && type == .orderPlaced ? nil : units)
        store.append(event)
        InventoryFold.apply(InventoryFold.upcast(event), to: &table)
        if let row = table[sku] { database.upsert(key: sku, value: row, at: time) } else { database.delete(key: sku, at: time) }
    }

    /// The current table (what both the fold and the changelog must rebuild).
    public var rows: [Int32: Int64] { table }
}
