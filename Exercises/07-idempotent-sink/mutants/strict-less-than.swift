// Catalogued mistake: skips only ids < the last one, so a replay of the last batch is applied again.
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    private var lastCommittedBatchId = -1
    init() {}
    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        guard !(batchId < lastCommittedBatchId) else { return }
        for row in rows { totals[row.key, default: 0] += row.increment }
        lastCommittedBatchId = batchId
    }
    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
