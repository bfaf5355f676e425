// Catalogued mistake for exercise 07: de-duplicating on (key, increment)
// instead of the batch id, so two batches with the same rows count once.
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    private var seen: Set<String> = []

    init() {}

    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        for row in rows where seen.insert("\(row.key)#\(row.increment)").inserted {
            totals[row.key, default: 0] += row.increment
        }
    }

    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
