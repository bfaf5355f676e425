import Engines
import SimKernel
import Workloads

/// `streamlab cdc SCENARIO`: TheWorldShop's inventory table, run from a
/// generated scenario through `ShopInventory`, shown three ways: its CDC
/// changelog (Debezium's envelope), that changelog in a compacted topic read by
/// consumers before and after the log cleaner (`--compacted`), and the same
/// table rebuilt from the event log with snapshots and an upcaster
/// (`--rebuild`). Options are checked here so that the CLI only parses.
public struct CDCScenarioRun {
    public enum Mode: Sendable { case changelog, compacted, rebuild }
    public enum Format: String, Sendable { case text, json }

    public var scenarioName: String
    public var seed: UInt64 = 1
    /// Nil: the scenario's own length, capped like `run`.
    public var events: Int?
    public var limit = 20
    public var format = Format.text
    public var mode = Mode.changelog
    /// Nil: the scenario's `initial_stock_per_sku`.
    public var initialStock: Int64?
    public var snapshotEvery = 1_000
    public var policy = LogCleaner.Policy(segmentRecords: 100)

    public init(scenario: String) { scenarioName = scenario }

    static let commandLine = "<command line>"

    /// The run's report lines.
    public func run() throws(InputError) -> [String] {
        try validate()
        let scenario = try ScenarioCatalog.load(scenarioName)
        let shop = try simulate(scenario)
        let keyName = { (key: Int32) in scenario.keyName(key) }
        switch mode {
        case .changelog: return changelogReport(shop, keyName: keyName)
        case .compacted: return compactionReport(shop, keyName: keyName)
        case .rebuild: return rebuildReport(shop)
        }
    }

    func validate() throws(InputError) {
        func atLeastOne(_ value: Int?, _ field: String) throws(InputError) {
            if let value, value < 1 { throw InputError(file: Self.commandLine, field: field, reason: "must be at least 1, got \(value)") }
        }
        try atLeastOne(events, "--events")
        try atLeastOne(limit, "--limit")
        try atLeastOne(snapshotEvery, "--snapshot-every")
        try atLeastOne(policy.segmentRecords, "--segment-records")
        if let initialStock, initialStock < 1 {
            throw InputError(file: Self.commandLine, field: "--initial-stock", reason: "must be at least 1, got \(initialStock)")
        }
    }

    /// Generates the scenario and runs the shop over it in arrival order.
    func simulate(_ scenario: Scenario) throws(InputError) -> ShopInventory {
        guard let orderKind = scenario.kindIndex("order"), let stockKind = scenario.kindIndex("stock") else {
            throw InputError(file: scenarioName, field: "sources.kinds",
                             reason: "needs \"order\" and \"stock\" event kinds (cdc models TheWorldShop's inventory table)")
        }
        let cap = min(scenario.defaultEvents ?? RunOptions.defaultEventCap, RunOptions.defaultEventCap)
        let generator = events.map { scenario.makeGenerator(seed: seed, maxEvents: $0) }
            ?? scenario.makeGenerator(seed: seed, maxEvents: cap, duration: scenario.defaultDuration)
        let arrivals = Array(generator)
        let stock = initialStock ?? Int64(scenario.parameter("initial_stock_per_sku") ?? 1_000)
        // Schema v2 is deployed halfway through the run, so the log holds both versions.
        let cutover = arrivals.isEmpty ? .zero : arrivals[arrivals.count / 2].arrivalTime
        var shop = ShopInventory(orderKind: orderKind, stockKind: stockKind, initialStock: stock, schemaV2At: cutover,
                                 snapshotEvery: snapshotEvery)
        for event in arrivals { shop.handle(event) }
        return shop
    }

    /// The command as run, with every option that shapes the output.
    func header(_ extra: String) -> String {
        var text = "streamlab cdc \(scenarioName) --seed \(seed)"
        if let events { text += " --events \(events)" }
        if let initialStock { text += " --initial-stock \(initialStock)" }
        return text + extra
    }

    static let envelope = ChangeEnvelope(table: "inventory", keyColumn: "sku", valueColumn: "stock")

    func changelogReport(_ shop: ShopInventory, keyName: (Int32) -> String) -> [String] {
        let changes = shop.database.changelog
        let shown = changes.prefix(limit)
        if format == .json { return shown.map { Self.envelope.json($0, keyName: keyName($0.key)) } }
        let counts = ChangeDataCapture.Operation.allOperations.map { op in "\(op.rawValue) \(changes.filter { $0.operation == op }.count)" }
        var lines = [header(" --limit \(limit) --format text")]
        lines.append("table inventory (sku -> stock): \(changes.count) changes (\(counts.joined(separator: ", "))); "
                     + "\(shop.rejectedOrders) orders rejected (sold out); \(shop.rows.count) rows at the end")
        lines.append("first \(shown.count) (Debezium envelope: op, before, after, source.lsn, source.ts_ms = commit, ts_ms = capture):")
        lines += shown.map { "  " + Self.envelope.text($0, keyName: keyName($0.key), clock: clockText) }
        let rebuilt = ChangeDataCapture.materialize(changes) == shop.rows
        lines.append("replaying the changelog from lsn 1 rebuilds the table: \(rebuilt ? "yes" : "NO") (\(shop.rows.count) rows)")
        return lines
    }
}

extension ChangeDataCapture.Operation {
    /// In Debezium's order of presentation: create, update, delete.
    public static let allOperations: [Self] = [.create, .update, .delete]
}
