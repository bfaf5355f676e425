import Delivery
import SimKernel
import Workloads

/// The input of a comparison: events in arrival order plus what they mean to
/// the business (which kind is an order, the initial stock).
///
/// Producer retries re-send an event with the same id. By default the
/// source is an idempotent producer (`enable.idempotence=true`, Kafka's
/// default since 3.0), so the log keeps the first copy of each id and every
/// duplicate the harness counts comes from delivery. With
/// `idempotentProducer: false` (`--producer plain`) the retried copies stay
/// in the log too: the log is then at-least-once from the producer's side,
/// and even an exactly-once engine shows the producer's duplicates.
public struct CompareWorkload: Sendable {
    public var scenarioName: String
    /// What the log holds, in arrival order.
    public var events: [Event]
    /// Each event once (the first copy of each id): what happened, which the
    /// oracle and the business metrics are computed from.
    public var truth: [Event]
    public var query: QuerySettings
    public var shop: ShopModel

    /// `kindNames` index `Event.kind`. An `order` takes one unit of stock, a
    /// `stock` event adds its value in units, other kinds leave stock alone;
    /// a scenario without orders keeps a running sum of values per key.
    public init(scenarioName: String, events rawEvents: [Event], kindNames: [String], initialStock: Double,
                windowSizeMicros: Int64, watermarkDelayMicros: Int64, clearingMicros: Int64, idempotentProducer: Bool = true) {
        let orderKind = kindNames.firstIndex(of: "order").map { UInt16($0) }
        var seen = Set<UInt64>()
        var events: [Event] = [], truth: [Event] = []
        events.reserveCapacity(rawEvents.count)
        for event in rawEvents.sorted(by: { ($0.arrivalTime, $0.id) < ($1.arrivalTime, $1.id) }) {
            var copy = event
            if let orderKind, event.kind == orderKind { copy.value = 1 }
            let first = seen.insert(event.id).inserted
            if first { truth.append(copy) }
            if first || !idempotentProducer { events.append(copy) }
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
        self.truth = truth
        query = QuerySettings(windowSizeMicros: windowSizeMicros, watermarkDelayMicros: watermarkDelayMicros, kindSigns: signs)
        shop = ShopModel(orderKind: orderKind ?? UInt16.max, initialStock: orderKind == nil ? 0 : initialStock,
                         clearingMicros: clearingMicros)
    }
}
