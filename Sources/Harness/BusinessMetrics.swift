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
    /// SKUs whose true stock reached zero during the run (the oracle's, the
    /// same for every engine): with none, nothing could be oversold, and the
    /// claims about overselling have nothing to observe.
    public var skusSoldOut: Int
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
