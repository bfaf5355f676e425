import Delivery
import SimKernel
import Workloads

/// What the delivery choices cost a business, per scenario.
///
/// TheWorldShop: the storefront shows "In Stock" while the stock *it can
/// see* (initial stock plus the pipeline's visible running total for the
/// SKU) is above zero. An order placed (arrives) while the true stock —
/// the oracle's running total at that moment — is already zero or below, but
/// the page still shows "In Stock", is one unit oversold. The stale window of
/// a SKU is how long it showed "In Stock" while truly sold out.
///
/// Fraud: a decision is in time when the event's output is visible before
/// the transaction clears (`clearing` after the event happened).
///
/// Dashboard: staleness is the age of the newest event a dashboard reading
/// the sink can see, sampled once per second of simulated time.
public struct BusinessMetrics: Equatable, Sendable, Codable {
    public var unitsOversold: Int
    public var skusShownInStockWhileSoldOut: Int
    public var staleInStockMaxMicros: Int64
    public var staleInStockMeanMicros: Int64
    public var decisionsBeforeClearingFraction: Double
    public var dashboardStalenessMeanMicros: Int64
    public var dashboardStalenessMaxMicros: Int64
}

public struct ShopModel: Sendable {
    public var orderKind: UInt16
    public var initialStock: Double
    public var clearingMicros: Int64

    public init(orderKind: UInt16, initialStock: Double, clearingMicros: Int64) {
        self.orderKind = orderKind
        self.initialStock = initialStock
        self.clearingMicros = clearingMicros
    }
}

extension BusinessMetrics {
    public init(result: DeliveryRunResult, events: [Event], oracle: DeliveryExpectation, shop: ShopModel) {
        // The view each SKU shows: its visible running total over time.
        var viewChanges: [Int32: [(time: Instant, total: Double)]] = [:]
        for visible in result.sink.visible where visible.output.identity.kind == .perEvent {
            viewChanges[visible.output.key, default: []].append((visible.visibleAt, visible.output.value))
        }
        var viewIndex: [Int32: Int] = [:]
        var viewTotal: [Int32: Double] = [:]
        var trueTotal: [Int32: Double] = [:]
        var oversold = 0
        var staleSince: [Int32: Instant] = [:]
        var staleDurations: [Int32: Int64] = [:]
        func advanceView(_ key: Int32, to time: Instant) {
            let changes = viewChanges[key] ?? []
            var index = viewIndex[key] ?? 0
            while index < changes.count, changes[index].time <= time {
                viewTotal[key] = changes[index].total
                index += 1
            }
            viewIndex[key] = index
        }
        for event in events {
            let key = event.key
            advanceView(key, to: event.arrivalTime)
            let shownInStock = shop.initialStock + (viewTotal[key] ?? 0) > 0
            let trulyAvailable = shop.initialStock + (trueTotal[key] ?? 0)
            if event.kind == shop.orderKind, shownInStock, trulyAvailable <= 0 { oversold += 1 }
            trueTotal[key] = oracle.runningTotals[event.id] ?? trueTotal[key]
            if shop.initialStock + (trueTotal[key] ?? 0) <= 0, staleSince[key] == nil { staleSince[key] = event.arrivalTime }
        }
        // A sold-out SKU stays stale until its view shows zero or the run ends.
        for (key, since) in staleSince {
            var until = result.finishedAt
            for change in viewChanges[key] ?? [] where change.time >= since && shop.initialStock + change.total <= 0 {
                until = change.time
                break
            }
            staleDurations[key] = max(0, (until - since).micros)
        }
        unitsOversold = oversold
        let positive = staleDurations.values.filter { $0 > 0 }
        skusShownInStockWhileSoldOut = positive.count
        staleInStockMaxMicros = positive.max() ?? 0
        staleInStockMeanMicros = positive.isEmpty ? 0 : positive.reduce(0, +) / Int64(positive.count)
        (decisionsBeforeClearingFraction, dashboardStalenessMeanMicros, dashboardStalenessMaxMicros) =
            Self.timeliness(result: result, clearingMicros: shop.clearingMicros)
    }

    static func timeliness(result: DeliveryRunResult, clearingMicros: Int64) -> (Double, Int64, Int64) {
        var seen = Set<OutputIdentity>()
        var inTime = 0, decisions = 0
        var newestEventTime: [(time: Instant, newest: Instant)] = []
        var newest = Instant.min
        for visible in result.sink.visible where visible.output.identity.kind == .perEvent {
            newest = max(newest, visible.output.latestEventTime)
            newestEventTime.append((visible.visibleAt, newest))
            guard seen.insert(visible.output.identity).inserted else { continue }
            decisions += 1
            if (visible.visibleAt - visible.output.latestEventTime).micros <= clearingMicros { inTime += 1 }
        }
        // Sample the dashboard once per second from the first arrival.
        var samples: [Int64] = []
        var index = 0
        var current = Instant.min
        var time = result.firstArrival
        while time <= result.finishedAt, samples.count < 1_000_000 {
            while index < newestEventTime.count, newestEventTime[index].time <= time {
                current = newestEventTime[index].newest
                index += 1
            }
            if current != .min { samples.append((time - current).micros) }
            time = time + .seconds(1)
        }
        let fraction = decisions == 0 ? 0 : Double(inTime) / Double(decisions)
        let mean = samples.isEmpty ? 0 : samples.reduce(0, +) / Int64(samples.count)
        return (fraction, mean, samples.max() ?? 0)
    }
}
