import Dataflow
import SimKernel
import Workloads

/// The three joins of lesson 06 on TheWorldShop, each with its oracle.
extension JobRunner {
    /// One joined pair, kept small (ids, not whole events): a hot SKU
    /// produces hundreds of thousands of pairs.
    struct PairIdentity: Hashable, Comparable {
        var key: Int32
        var orderID: UInt64
        var orderAttempt: UInt8
        var paymentID: UInt64
        var paymentAttempt: UInt8

        static func < (lhs: PairIdentity, rhs: PairIdentity) -> Bool {
            (lhs.key, lhs.orderID, lhs.orderAttempt, lhs.paymentID, lhs.paymentAttempt)
                < (rhs.key, rhs.orderID, rhs.orderAttempt, rhs.paymentID, rhs.paymentAttempt)
        }
    }

    // MARK: interval join

    /// Orders (left) joined with payments (right) of the same SKU by
    /// `IntervalJoinOperator` with Flink's `between(0, upper)`: a payment at
    /// `r` joins an order at `l` when `l <= r <= l + upper`. The scenario
    /// carries no order id, so the SKU is the join key and a hot SKU's
    /// payment matches every order of that SKU in the interval.
    static func intervalJoin(_ setup: Setup) throws(InputError) -> (JobResult, Observed<(PairIdentity, Instant)>) {
        let orderKind = try setup.kind("order", for: .intervalJoin)
        let paymentKind = try setup.kind("payment", for: .intervalJoin)
        let upper = Duration.seconds(Int64(setup.options.upperBoundSeconds ?? 300))
        let op = IntervalJoinOperator(lower: .zero, upper: upper) { event in
            event.kind == orderKind ? .left : (event.kind == paymentKind ? .right : nil)
        }
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.bufferedCount }) { pair, _ in
            (PairIdentity(key: pair.key, orderID: pair.left.id, orderAttempt: pair.left.attempt, paymentID: pair.right.id,
                          paymentAttempt: pair.right.attempt), pair.timestamp)
        }
        let pairs = observed.run.outputs
        let oracle = oraclePairs(setup.events, orderKind: orderKind, paymentKind: paymentKind, upper: upper)
        let difference = multisetDifference(engine: pairs.map(\.output.0), oracle: oracle)
        let orders = setup.events.filter { $0.kind == orderKind }.count
        let payments = setup.events.filter { $0.kind == paymentKind }.count
        let matchedPayments = Set(pairs.map { [Int64($0.output.0.paymentID), Int64($0.output.0.paymentAttempt)] }).count
        let matchedOrders = Set(pairs.map { [Int64($0.output.0.orderID), Int64($0.output.0.orderAttempt)] }).count
        let result = JobResult(
            summary: "interval-join: orders ⋈ payments of the same SKU, payment.ts in [order.ts, order.ts + \(upper.micros / 1_000_000) s] (IntervalJoinOperator), watermark delay 5 s",
            resultNoun: "joined pairs", resultCount: pairs.count,
            rows: pairs.map { emitted in
                let pair = emitted.output.0
                return "\(setup.scenario.keyName(pair.key)) order \(pair.orderID) ⋈ payment \(pair.paymentID) at \(clockText(emitted.output.1)), emitted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: pairs.map { ($0.processingTime - $0.output.1).micros },
            latencyMeaning: "from the later of the two records to the pair's emission",
            oracleCount: oracle.count, comparedNoun: "pairs", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(matchedPayments) of \(payments) payments and \(matchedOrders) of \(orders) orders found a partner;"
                    + " \(ratio(pairs.count, max(1, matchedPayments))) pairs per matched payment (the SKU is the only join key)"
            ],
            stateNoun: "records buffered by the join")
        return (result, observed)
    }

    /// Every (order, payment) pair of a SKU with `l <= r <= l + upper`, from
    /// the complete data: the join with nothing dropped as late.
    static func oraclePairs(_ events: [Event], orderKind: UInt16, paymentKind: UInt16, upper: Duration) -> [PairIdentity] {
        var orders: [Int32: [Event]] = [:]
        var payments: [Int32: [Event]] = [:]
        for event in events {
            if event.kind == orderKind { orders[event.key, default: []].append(event) }
            if event.kind == paymentKind { payments[event.key, default: []].append(event) }
        }
        var pairs: [PairIdentity] = []
        for key in orders.keys.sorted() {
            let rights = (payments[key] ?? []).sorted { $0.eventTime < $1.eventTime }
            for order in orders[key]! {
                // Bounded by the payments of this key; binary search for the first candidate.
                var low = 0
                var high = rights.count
                while low < high {
                    let middle = (low + high) / 2
                    if rights[middle].eventTime < order.eventTime { low = middle + 1 } else { high = middle }
                }
                var index = low
                while index < rights.count && rights[index].eventTime <= order.eventTime + upper {
                    let payment = rights[index]
                    pairs.append(PairIdentity(key: key, orderID: order.id, orderAttempt: order.attempt, paymentID: payment.id, paymentAttempt: payment.attempt))
                    index += 1
                }
            }
        }
        return pairs
    }
}
