import Delivery
import Engines
import SimKernel

/// The seeds' claims, checked against this run's own figures.
enum CompareClaims {
    static func row(_ rows: [TriadRow], _ engine: String, _ guarantee: Guarantee) -> TriadRow? {
        rows.first { $0.metrics.engine == engine && $0.metrics.guarantee == guarantee.rawValue }
    }

    static func millis(_ micros: Int64) -> String { formatFixed(Double(micros) / 1_000, digits: 1) + " ms" }
    static func minutes(_ micros: Int64) -> String { formatFixed(Double(micros) / 60_000_000, digits: 1) + " min" }

    static func evaluate(rows: [TriadRow], crashFree: [TriadRow], triggerCurves: [CompareReport.Series], settings: CompareSettings) -> [CompareReport.Claim] {
        var claims: [CompareReport.Claim] = []
        // Micro-batch: an output waits for its batch, so the worst case is at least one trigger interval.
        if let p99 = triggerCurves.first(where: { $0.name == "micro-batch p99" }),
           let p50 = triggerCurves.first(where: { $0.name == "micro-batch p50" }) {
            let holds = p99.points.allSatisfy { $0.y >= $0.x }
            let figures = zip(p50.points, p99.points).map {
                "trigger \(formatFixed($0.0.x, digits: 0)) ms: p50 \(formatFixed($0.0.y, digits: 0)) ms, p99 \(formatFixed($0.1.y, digits: 0)) ms"
            }.joined(separator: "; ")
            claims.append(.init(name: "micro-batch p99 event-time latency >= trigger interval", holds: holds, figures: figures))
        }
        let batchPreset = settings.engines.first { (try? PresetRegistry.preset(named: $0))?.engineKind == .batch }
        if let batchName = batchPreset, let batchEngine = try? settings.engine(batchName, .atLeastOnce),
           let batch = row(rows, batchName, .atLeastOnce), let record = row(rows, "flink", .atLeastOnce) {
            // Both claims are about selling stock that is gone: a run in which
            // no SKU sold out (the oracle's stock, the same for every row) has
            // nothing to oversell, and says nothing either way.
            let observable = batch.business.skusSoldOut > 0
            let nothingSoldOut = "no SKU sold out within the run: run longer, or with less stock (the scenario's initial_stock_per_sku), to observe it"
            let oversells = batch.business.unitsOversold > 10 * max(1, record.business.unitsOversold)
            claims.append(.init(
                name: "the scheduled batch (\(batchName)) oversells; the record engine oversells almost nothing",
                verdict: observable ? (oversells ? .holds : .fails) : .notObservable,
                figures: observable ? "units oversold: \(batchName) \(batch.business.unitsOversold), flink \(record.business.unitsOversold)" : nothingSoldOut))
            let schedule = batchEngine.triggerInterval?.micros ?? 0
            let stale = batch.business.staleInStockMaxMicros
            let staleHolds = stale > 0 && stale <= schedule + batchEngine.costs.perBatch.micros
                && stale >= 10 * max(1, record.business.staleInStockMaxMicros)
            claims.append(.init(
                name: "batch shows sold-out SKUs \"In Stock\" for up to its stale window",
                verdict: observable ? (staleHolds ? .holds : .fails) : .notObservable,
                figures: observable ? "batch: \(batch.business.skusShownInStockWhileSoldOut) SKUs stale, longest \(minutes(stale)), mean \(minutes(batch.business.staleInStockMeanMicros)) (schedule \(minutes(schedule))); flink longest \(minutes(record.business.staleInStockMaxMicros))" : nothingSoldOut))
        }
        if let transactional = row(crashFree, "flink", .exactlyOnce), let append = row(crashFree, "flink", .atLeastOnce),
           let flink = try? settings.engine("flink", .exactlyOnce) {
            let checkpointMicros = flink.checkpointInterval?.micros ?? 0
            let interval = checkpointMicros + flink.checkpointCompletion.micros + flink.snapshotPause.micros
            let addedP50 = transactional.metrics.processingTimeLatency.p50Micros - append.metrics.processingTimeLatency.p50Micros
            let addedP99 = transactional.metrics.processingTimeLatency.p99Micros - append.metrics.processingTimeLatency.p99Micros
            claims.append(.init(
                name: "the 2PC sink adds up to one checkpoint interval of latency", holds: addedP50 > 0 && addedP99 <= interval,
                figures: "flink without crashes, processing-time latency added by 2PC: p50 +\(millis(addedP50)), p99 +\(millis(addedP99)) (checkpoint interval \(millis(checkpointMicros)))"))
        }
        return claims
    }
}

/// Fixed-point text with `digits` decimals, identical on every platform
/// (no locale, no scientific notation): `SimKernel.FixedDecimal`, the one
/// formatter behind every byte-stable output.
public func formatFixed(_ value: Double, digits: Int) -> String {
    FixedDecimal.format(value, places: digits)
}
