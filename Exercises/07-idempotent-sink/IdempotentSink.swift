// Exercise 07: an idempotent sink (lesson 07, Fault tolerance).
//
// A micro-batch engine writes each batch's per-key count INCREMENTS with the
// batch id (Spark's foreachBatch gives you the id). Batch ids increase. After
// a crash, the engine re-runs the last batch(es) and writes them again with
// the same ids and the same rows. Make replays harmless: the totals must be
// what they would be had every batch been written exactly once.

struct IdempotentSink {
    init() {}

    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        // TODO
    }

    func total(_ key: String) -> Int {
        // TODO
        return 0
    }
}
