// Catalogued mistake: appends every write (replays counted twice).
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    init() {}
    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        for row in rows { totals[row.key, default: 0] += row.increment }
    }
    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
