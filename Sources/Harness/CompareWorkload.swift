import Delivery
import SimKernel
import Workloads

/// The input of a comparison: events in arrival order plus what they mean to
/// the business (which kind is an order, the initial stock).
///
/// Producer retries re-send an event with the same id; the source is taken
/// to be an idempotent producer (Kafka's `enable.idempotence`), so the log
/// keeps the first copy of each id. Every duplicate the harness then counts
/// comes from delivery, not from the producer.
public struct CompareWorkload: Sendable {
    public var scenarioName: String
    public var events: [Event]
    public var query: QuerySettings
    public var shop: ShopModel

    /// `kindNames` index `Event.kind`. An `order` takes one unit of stock, a
    /// `stock` event adds its value in units, other kinds leave stock alone;
    /// a scenario without orders keeps a running sum of values per key.
    public init(scenarioName: String, events rawEvents: [Event], kindNames: [String], initialStock: Double,
                windowSizeMicros: Int64, watermarkDelayMicros: Int64, clearingMicros: Int64) {
        let orderKind = kindNames.firstIndex(of: "order").map { UInt16($0) }
        var seen = Set<UInt64>()
        var events: [Event] = []
        events.reserveCapacity(rawEvents.count)
        for event in rawEvents.sorted(by: { ($0.arrivalTime, $0.id) < ($1.arrivalTime, $1.id) }) where seen.insert(event.id).inserted {
            var copy = event
            if let orderKind, event.kind == orderKind { copy.value = 1 }
            events.append(copy)
        }
        let signs: [Double] = kindNames.map { name in
            guard orderKind != nil else { return 1 }
            switch name {
            case "order": return -1
            case "stock": return 1
            default: return 0
            }
        }
        self.scenarioName = scenarioName
        self.events = events
        query = QuerySettings(windowSizeMicros: windowSizeMicros, watermarkDelayMicros: watermarkDelayMicros, kindSigns: signs)
        shop = ShopModel(orderKind: orderKind ?? UInt16.max, initialStock: orderKind == nil ? 0 : initialStock,
                         clearingMicros: clearingMicros)
    }
}
