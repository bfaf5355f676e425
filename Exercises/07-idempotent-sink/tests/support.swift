// Exercise 07 checks: a write log with replays; the truth applies each batch id once.
typealias Batch = (id: Int, rows: [(key: String, increment: Int)])

func checkSink(_ writes: [Batch], keys: [String]) -> String? {
    var sink = IdempotentSink()
    for write in writes { sink.write(batchId: write.id, rows: write.rows) }
    let truth = replay(writes) { id, lastCommitted in id > lastCommitted }
    let appended = replay(writes) { _, _ in true }
    let strict = replay(writes) { id, lastCommitted in !(id < lastCommitted) }
    let previousOnly = replay(writes) { id, lastApplied in id != lastApplied }
    let byRows = rowDeduplicated(writes)
    var last: [String: Int] = [:]
    for write in writes { for row in write.rows { last[row.key] = row.increment } }
    for key in keys where sink.total(key) != (truth[key] ?? 0) {
        let shown = "total(\(key)) = \(sink.total(key)), expected \(truth[key] ?? 0)"
        if sink.total(key) == (strict[key] ?? 0) && strict[key] != appended[key] {
            return "`<` instead of `<=`: a replay of the LAST committed batch (id == last id) was applied again; skip every id <= the last committed one; \(shown)"
        }
        if sink.total(key) == (previousOnly[key] ?? 0) && previousOnly[key] != truth[key]
            && (previousOnly[key] != appended[key] || skipsAnImmediateReplay()) {
            return "you remembered only the previous batch id: a replay of an older batch (after a newer one) was applied again; skip every id <= the last committed one; \(shown)"
        }
        if sink.total(key) == (byRows[key] ?? 0) && byRows[key] != truth[key] && countsIdenticalBatchesOnce() {
            return "two different batches with the same rows were counted once: de-duplicate by batch id, not by the rows' keys and increments; \(shown)"
        }
        if sink.total(key) == (appended[key] ?? 0) { return "replayed batches counted twice: an append sink is not idempotent; remember the committed batch ids; \(shown)" }
        if sink.total(key) == last[key] { return "overwrote the total with one batch's increment: increments must be added, once per batch id; \(shown)" }
        return "wrong total: \(shown)"
    }
    return nil
}

/// Probe: a sink that skips the same batch id written twice in a row is not
/// a plain append sink (it remembers at least the previous id).
func skipsAnImmediateReplay() -> Bool {
    var sink = IdempotentSink()
    sink.write(batchId: 0, rows: [(key: "probe", increment: 1)])
    sink.write(batchId: 0, rows: [(key: "probe", increment: 1)])
    return sink.total("probe") == 1
}

/// Probe: two different batches with identical rows; a sink that counts
/// them once de-duplicates on the rows, not on the batch id.
func countsIdenticalBatchesOnce() -> Bool {
    var sink = IdempotentSink()
    sink.write(batchId: 0, rows: [(key: "probe", increment: 1)])
    sink.write(batchId: 1, rows: [(key: "probe", increment: 1)])
    return sink.total("probe") == 1
}

/// Totals when each distinct (key, increment) row counts once, whatever its batch.
func rowDeduplicated(_ writes: [Batch]) -> [String: Int] {
    var totals: [String: Int] = [:]
    var seen: Set<String> = []
    for write in writes { for row in write.rows where seen.insert("\(row.key)#\(row.increment)").inserted { totals[row.key, default: 0] += row.increment } }
    return totals
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
