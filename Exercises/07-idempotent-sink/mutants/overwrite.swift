// Catalogued mistake: "upsert" the increment itself, overwriting the running total.
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    init() {}
    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        for row in rows { totals[row.key] = row.increment }
    }
    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
