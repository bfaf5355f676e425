import Collections
import Delivery
import SimKernel
import Workloads

/// The input of a comparison: the log's records, in arrival order, plus what
/// they mean to the business (which kind is an order, the initial stock).
///
/// The records are never kept: each run pulls its own copy from the
/// scenario's generator (deterministic in the seed, so every run reads the
/// same log), which is how `compare` and `crash` stay flat in memory at any
/// stream length. Tests may give the records as an array instead.
///
/// Producer retries re-send an event with the same id. By default the
/// source is an idempotent producer (`enable.idempotence=true`, Kafka's
/// default since 3.0), so the log keeps the first copy of each id and every
/// duplicate the harness counts comes from delivery. With
/// `idempotentProducer: false` (`--producer plain`) the retried copies stay
/// in the log too: the log is then at-least-once from the producer's side,
/// and even an exactly-once engine shows the producer's duplicates.
public struct CompareWorkload: Sendable {
    enum Origin: Sendable {
        /// The log, already in arrival order with orders valued 1 and (with
        /// an idempotent producer) each id once.
        case events([Event])
        case scenario(Scenario, seed: UInt64, duration: Duration?)
    }

    public var scenarioName: String
    public var query: QuerySettings
    public var shop: ShopModel
    public var idempotentProducer: Bool
    let origin: Origin
    /// `Event.kind` of an order (its value is taken as 1 unit), if the scenario has orders.
    let orderKind: UInt16?

    /// `kindNames` index `Event.kind`. An `order` takes one unit of stock, a
    /// `stock` event adds its value in units, other kinds leave stock alone;
    /// a scenario without orders keeps a running sum of values per key.
    public init(scenarioName: String, events rawEvents: [Event], kindNames: [String], initialStock: Double,
                windowSizeMicros: Int64, watermarkDelayMicros: Int64, clearingMicros: Int64, idempotentProducer: Bool = true) {
        var filter = LogFilter(orderKind: Self.orderKind(kindNames), idempotentProducer: idempotentProducer)
        let sorted = rawEvents.sorted { ($0.arrivalTime, $0.id) < ($1.arrivalTime, $1.id) }
        self.init(scenarioName: scenarioName, origin: .events(sorted.compactMap { filter.admit($0) }), kindNames: kindNames,
                  initialStock: initialStock, windowSizeMicros: windowSizeMicros, watermarkDelayMicros: watermarkDelayMicros,
                  clearingMicros: clearingMicros, idempotentProducer: idempotentProducer)
    }

    static func orderKind(_ kindNames: [String]) -> UInt16? { kindNames.firstIndex(of: "order").map { UInt16($0) } }

    /// The scenario's generated stream, read live by each run.
    public init(scenario: Scenario, seed: UInt64, duration: Duration?, windowSizeMicros: Int64, watermarkDelayMicros: Int64,
                clearingMicros: Int64, idempotentProducer: Bool = true) {
        self.init(scenarioName: scenario.name, origin: .scenario(scenario, seed: seed, duration: duration), kindNames: scenario.eventKinds,
                  initialStock: scenario.parameter("initial_stock_per_sku") ?? 0, windowSizeMicros: windowSizeMicros,
                  watermarkDelayMicros: watermarkDelayMicros, clearingMicros: clearingMicros, idempotentProducer: idempotentProducer)
    }

    private init(scenarioName: String, origin: Origin, kindNames: [String], initialStock: Double, windowSizeMicros: Int64,
                 watermarkDelayMicros: Int64, clearingMicros: Int64, idempotentProducer: Bool) {
        let orderKind = Self.orderKind(kindNames)
        let signs: [Double] = kindNames.map { name in
            guard orderKind != nil else { return 1 }
            switch name {
            case "order": return -1
            case "stock": return 1
            default: return 0
            }
        }
        self.scenarioName = scenarioName
        self.origin = origin
        self.orderKind = orderKind
        self.idempotentProducer = idempotentProducer
        query = QuerySettings(windowSizeMicros: windowSizeMicros, watermarkDelayMicros: watermarkDelayMicros, kindSigns: signs)
        shop = ShopModel(orderKind: orderKind ?? UInt16.max, initialStock: orderKind == nil ? 0 : initialStock,
                         clearingMicros: clearingMicros)
    }

    /// A fresh source of the log's records, for one run.
    public func makeSource() -> ArrivalSource {
        switch origin {
        case .events(let events):
            return ArrayArrivalSource(events)
        case .scenario(let scenario, let seed, let duration):
            return GeneratedLog(filter: LogFilter(orderKind: orderKind, idempotentProducer: idempotentProducer)) {
                duration.map { scenario.makeGenerator(seed: seed, duration: $0) } ?? scenario.makeGenerator(seed: seed)
            }
        }
    }
}

/// What the producer writes to the log: an order is one unit; an idempotent
/// producer writes each id once (the broker drops a retried copy).
struct LogFilter {
    let orderKind: UInt16?
    let idempotentProducer: Bool
    /// Ids written so far, one bit per id (generated ids are dense from 0),
    /// from word `firstWord` on: every id below it was written, so its words
    /// are dropped as they fill (ids arrive close to their order, so the
    /// bits kept span the stream's disorder, not the stream: a 100 M-event
    /// log kept 12.5 MB per reader, and a nightly job's run had four). A
    /// test's far-off id falls back to `sparse`.
    private var seen = Deque<UInt64>()
    private var firstWord = 0
    private var sparse = Set<UInt64>()
    /// The 64-id words kept (for the tests).
    var keptWords: Int { seen.count }

    init(orderKind: UInt16?, idempotentProducer: Bool) {
        self.orderKind = orderKind
        self.idempotentProducer = idempotentProducer
    }

    mutating func admit(_ event: Event) -> Event? {
        var copy = event
        if let orderKind, event.kind == orderKind { copy.value = 1 }
        guard idempotentProducer else { return copy }
        return firstSight(event.id) ? copy : nil
    }

    private mutating func firstSight(_ id: UInt64) -> Bool {
        guard id < 1 << 36 else { return sparse.insert(id).inserted }
        let word = Int(id >> 6) - firstWord, bit = UInt64(1) << (id & 63)
        guard word >= 0 else { return false }
        // Bounded by the id's distance past the bits kept.
        while word >= seen.count { seen.append(0) }
        guard seen[word] & bit == 0 else { return false }
        seen[word] |= bit
        // Bounded by the words kept.
        while seen.first == .max {
            seen.removeFirst()
            firstWord += 1
        }
        return true
    }
}

/// A scenario's generator as the log: events in arrival order, filtered by
/// the producer. Reopened, it starts a new generator from the same seed, which
/// delivers the same records: the log re-reads a long replay span from it
/// instead of holding it.
final class GeneratedLog: ArrivalSource {
    let generator: StreamGenerator
    let makeGenerator: () -> StreamGenerator
    let initialFilter: LogFilter
    @exclusivity(unchecked) var filter: LogFilter

    init(filter: LogFilter, makeGenerator: @escaping () -> StreamGenerator) {
        generator = makeGenerator()
        self.makeGenerator = makeGenerator
        initialFilter = filter
        self.filter = filter
    }

    func nextArrival() -> Event? {
        // Bounded by the generator's own bound (events or duration).
        while let event = generator.next() {
            if let admitted = filter.admit(event) { return admitted }
        }
        return nil
    }

    /// The batch filled in one loop, with no call through the protocol per
    /// record (the reader thread's per-record dispatch and copy were a
    /// sixth of it, perf, issue 14).
    func nextArrivals(into batch: inout [Event], capacity: Int) -> Bool {
        // Bounded by `capacity` and the generator's own bound.
        while batch.count < capacity {
            guard let event = generator.next() else { return false }
            if let admitted = filter.admit(event) { batch.append(admitted) }
        }
        return true
    }

    func reopened() -> ArrivalSource? { GeneratedLog(filter: initialFilter, makeGenerator: makeGenerator) }
    var isReopenable: Bool { true }
}
