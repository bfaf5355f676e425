import Dataflow
import SimKernel
import Workloads

/// A table-table join with a count of the rows each side holds, which the
/// operator keeps private. Every change here is an upsert (no deletes), so
/// the rows held are the distinct keys seen per side.
struct CountedTableJoin: StreamOperator {
    var join: TableTableJoinOperator
    let classify: @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)?
    private(set) var leftKeys: Set<Int32> = []
    private(set) var rightKeys: Set<Int32> = []

    init(classify: @escaping @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)?) {
        self.classify = classify
        join = TableTableJoinOperator(classify: classify)
    }

    var rowCount: Int { leftKeys.count + rightKeys.count }

    mutating func process(_ event: Event, context: inout OperatorContext<TableTableJoinOperator.Change>) {
        if let (side, _) = classify(event) {
            if side == .left { leftKeys.insert(event.key) } else { rightKeys.insert(event.key) }
        }
        join.process(event, context: &context)
    }

    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<TableTableJoinOperator.Change>) {
        join.advanceWatermark(to: watermark, context: &context)
    }
}

extension JobRunner {
    // MARK: enrichment

    /// Add-to-carts (probes) enriched with their SKU's stock row, a table
    /// built from the stock changelog, by `TemporalTableJoinOperator` with an
    /// event-time lookup (Flink SQL `FOR SYSTEM_TIME AS OF rowtime`). Every
    /// stock record is an upsert of the SKU's row (the operator treats an
    /// insert and an update alike). Beside it, the same stream through a
    /// processing-time lookup (Kafka Streams' KStream–KTable join) shows how
    /// many probes would see another row.
    static func enrichment(_ setup: Setup) throws(InputError) -> (JobResult, Observed<TemporalTableJoinOperator.Enriched>) {
        let probeKind = try setup.kind("add-to-cart", for: .enrichment)
        let changeKind = try setup.kind("stock", for: .enrichment)
        let classify: @Sendable (Event) -> EnrichmentInput? = { event in
            event.kind == probeKind ? .probe : (event.kind == changeKind ? .change(.update) : nil)
        }
        let op = TemporalTableJoinOperator(lookupTime: .eventTime, classify: classify)
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.versionCount }, tag: { output, _ in output })
        let enriched = observed.run.outputs
        let oracle = oracleEnrichment(setup.events, probeKind: probeKind, changeKind: changeKind)
        let difference = multisetDifference(engine: enriched.map { identity($0.output) }, oracle: oracle)
        var lookup = TemporalTableJoinOperator(lookupTime: .processingTime, classify: classify)
        var context = OperatorContext<TemporalTableJoinOperator.Enriched>()
        for event in setup.events { lookup.process(event, context: &context) }
        // The oracle's answer per probe (key, id, attempt): its version time.
        let truth = Dictionary(oracle.map { (Array($0.parts.prefix(3)), $0.parts[3]) }, uniquingKeysWith: { first, _ in first })
        let lookupDiffers = context.outputs.filter { truth[Array(identity($0).parts.prefix(3))] != identity($0).parts[3] }.count
        let withRow = enriched.filter { $0.output.row != nil }.count
        let result = JobResult(
            summary: "enrichment: add-to-cart ⋈ the SKU's stock row AS OF the add-to-cart's event time, table from the stock changelog (TemporalTableJoinOperator), watermark delay 5 s",
            resultNoun: "enriched add-to-carts", resultCount: enriched.count,
            rows: enriched.filter { $0.output.row != nil }.map { emitted in
                let row = emitted.output.row!
                return "\(setup.scenario.keyName(emitted.output.key)) add-to-cart at \(clockText(emitted.output.probe.eventTime)) saw stock \(Int(row.value)) "
                    + "(version of \(clockText(row.versionTime))), emitted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: enriched.map { ($0.processingTime - $0.output.probe.eventTime).micros },
            latencyMeaning: "from the add-to-cart to its enriched row",
            oracleCount: oracle.count, comparedNoun: "enriched rows", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(withRow) of \(enriched.count) add-to-carts found a stock row (the rest came before their SKU's first stock record);"
                    + " a processing-time lookup would give \(lookupDiffers) of them another row"
            ],
            stateNoun: "table versions held")
        return (result, observed)
    }

    static func identity(_ enriched: TemporalTableJoinOperator.Enriched) -> JobIdentity {
        enrichmentIdentity(key: enriched.key, probe: enriched.probe, versionTime: enriched.row?.versionTime)
    }

    /// (key, probe id, attempt, version time or Int64.min for no row).
    static func enrichmentIdentity(key: Int32, probe: Event, versionTime: Instant?) -> JobIdentity {
        JobIdentity([Int64(key), Int64(bitPattern: probe.id), Int64(probe.attempt), versionTime?.micros ?? Int64.min])
    }

    /// Each probe with the version valid at its event time, from the
    /// complete changelog: the latest change with `time <= probe time` (ties:
    /// the later arrival wins, as the operator keeps them).
    static func oracleEnrichment(_ events: [Event], probeKind: UInt16, changeKind: UInt16) -> [JobIdentity] {
        var versions: [Int32: [(time: Instant, arrival: Int)]] = [:]
        for (arrival, event) in events.enumerated() where event.kind == changeKind {
            versions[event.key, default: []].append((event.eventTime, arrival))
        }
        for key in versions.keys { versions[key]!.sort { ($0.time, $0.arrival) < ($1.time, $1.arrival) } }
        return events.filter { $0.kind == probeKind }.map { probe in
            enrichmentIdentity(key: probe.key, probe: probe, versionTime: versions[probe.key]?.last { $0.time <= probe.eventTime }?.time)
        }
    }

    // MARK: table-table join

    /// Two changelog tables of TheWorldShop keyed by SKU, the stock row
    /// (left) and the latest order (right), joined by
    /// `TableTableJoinOperator` into an updating table with Flink's row
    /// kinds. Changes apply in arrival order, so the oracle is the inner join
    /// of each side's last-arrived row per SKU; the job's final table is the
    /// changelog materialized as an upsert sink would.
    static func tableJoin(_ setup: Setup) throws(InputError) -> (JobResult, Observed<(TableTableJoinOperator.Change, Instant)>) {
        let stockKind = try setup.kind("stock", for: .tableJoin)
        let orderKind = try setup.kind("order", for: .tableJoin)
        let op = CountedTableJoin { event in
            event.kind == stockKind ? (.left, .update) : (event.kind == orderKind ? (.right, .update) : nil)
        }
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.rowCount }) { change, record in
            (change, record?.eventTime ?? .zero)
        }
        let changes = observed.run.outputs
        let final = TableTableJoinOperator.materialize(changes.map(\.output.0))
        var stock: [Int32: Event] = [:]
        var orders: [Int32: Event] = [:]
        for event in setup.events {
            if event.kind == stockKind { stock[event.key] = event }
            if event.kind == orderKind { orders[event.key] = event }
        }
        let oracle = stock.keys.sorted().compactMap { key in orders[key].map { tableIdentity(key, stock[key]!.value, $0.value) } }
        let difference = multisetDifference(engine: final.map { tableIdentity($0.key, $0.left.value, $0.right.value) }, oracle: oracle)
        let counts = TableTableJoinOperator.RowKind.allKinds.map { kind in "\(kind.rawValue) \(changes.filter { $0.output.0.kind == kind }.count)" }
        let result = JobResult(
            summary: "table-join: stock table ⋈ latest-order table on SKU, both upserted from their changelogs; output is a changelog (TableTableJoinOperator)",
            resultNoun: "changelog rows", resultCount: changes.count,
            rows: changes.map { emitted in
                let change = emitted.output.0
                return "\(change.kind.rawValue) \(setup.scenario.keyName(change.key)) stock \(Int(change.left.value)) ⋈ order \(RunReport.fixed(change.right.value)), emitted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: changes.map { ($0.processingTime - $0.output.1).micros },
            latencyMeaning: "from the change to the joined row",
            oracleCount: oracle.count, comparedNoun: "rows of the final table", missing: difference.missing, extra: difference.extra,
            business: [
                "business: changelog \(counts.joined(separator: ", ")); the final table has \(final.count) rows,"
                    + " so a downstream applies \(ratio(changes.count, max(1, final.count))) changes per row it keeps"
            ],
            stateNoun: "table rows held (both sides)")
        return (result, observed)
    }

    static func tableIdentity(_ key: Int32, _ left: Double, _ right: Double) -> JobIdentity {
        JobIdentity([Int64(key), Int64(bitPattern: left.bitPattern), Int64(bitPattern: right.bitPattern)])
    }
}

extension TableTableJoinOperator.RowKind {
    /// Flink's row kinds in the order a changelog lists them.
    static let allKinds: [TableTableJoinOperator.RowKind] = [.insert, .updateBefore, .updateAfter, .delete]
}
