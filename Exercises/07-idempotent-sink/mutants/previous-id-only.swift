// Catalogued mistake for exercise 07: remembering only the previous batch id,
// so a replay of an older batch (1 after 2) is applied again.
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    private var previousBatchId = -1

    init() {}

    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        guard batchId != previousBatchId else { return }
        for row in rows { totals[row.key, default: 0] += row.increment }
        previousBatchId = batchId
    }

    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
