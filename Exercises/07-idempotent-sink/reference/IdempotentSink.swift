// Reference for exercise 07: remember the last committed batch id; skip any
// batch whose id is <= it (a replay), as a transactional sink keyed by batch
// id does in Spark's foreachBatch idempotence recipe.
struct IdempotentSink {
    private var totals: [String: Int] = [:]
    private var lastCommittedBatchId = -1

    init() {}

    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        guard batchId > lastCommittedBatchId else { return }
        for row in rows { totals[row.key, default: 0] += row.increment }
        lastCommittedBatchId = batchId
    }

    func total(_ key: String) -> Int { totals[key] ?? 0 }
}
