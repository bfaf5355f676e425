// Exercise 07 checks: a write log with replays; the truth applies each batch id once.
typealias Batch = (id: Int, rows: [(key: String, increment: Int)])

func checkSink(_ writes: [Batch], keys: [String]) -> String? {
    var sink = IdempotentSink()
    for write in writes { sink.write(batchId: write.id, rows: write.rows) }
    let truth = replay(writes) { id, lastCommitted in id > lastCommitted }
    let appended = replay(writes) { _, _ in true }
    let strict = replay(writes) { id, lastCommitted in !(id < lastCommitted) }
    var last: [String: Int] = [:]
    for write in writes { for row in write.rows { last[row.key] = row.increment } }
    for key in keys where sink.total(key) != (truth[key] ?? 0) {
        let shown = "total(\(key)) = \(sink.total(key)), expected \(truth[key] ?? 0)"
        if sink.total(key) == (strict[key] ?? 0) && strict[key] != appended[key] {
            return "`<` instead of `<=`: a replay of the LAST committed batch (id == last id) was applied again; skip every id <= the last committed one; \(shown)"
        }
        if sink.total(key) == (appended[key] ?? 0) { return "replayed batches counted twice: an append sink is not idempotent; remember the committed batch ids; \(shown)" }
        if sink.total(key) == last[key] { return "overwrote the total with one batch's increment: increments must be added, once per batch id; \(shown)" }
        return "wrong total: \(shown)"
    }
    return nil
}

/// Totals under a rule deciding whether a batch id is applied, given the last applied id.
func replay(_ writes: [Batch], applies: (Int, Int) -> Bool) -> [String: Int] {
    var totals: [String: Int] = [:]
    var lastCommitted = -1
    for write in writes where applies(write.id, lastCommitted) {
        for row in write.rows { totals[row.key, default: 0] += row.increment }
        lastCommitted = write.id
    }
    return totals
}
