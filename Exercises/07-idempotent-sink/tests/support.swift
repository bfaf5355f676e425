// Exercise 07 checks: a write log with replays; the truth applies each batch id once.
typealias Batch = (id: Int, rows: [(key: String, increment: Int)])

func checkSink(_ writes: [Batch], keys: [String]) -> String? {
    var sink = IdempotentSink()
    for write in writes { sink.write(batchId: write.id, rows: write.rows) }
    var seen: Set<Int> = []
    var truth: [String: Int] = [:], doubled: [String: Int] = [:], last: [String: Int] = [:]
    for write in writes {
        for row in write.rows {
            doubled[row.key, default: 0] += row.increment
            last[row.key] = row.increment
        }
        guard seen.insert(write.id).inserted else { continue }
        for row in write.rows { truth[row.key, default: 0] += row.increment }
    }
    for key in keys where sink.total(key) != (truth[key] ?? 0) {
        let shown = "total(\(key)) = \(sink.total(key)), expected \(truth[key] ?? 0)"
        if sink.total(key) == doubled[key] { return "replayed batches counted twice: an append sink is not idempotent; remember the committed batch ids; \(shown)" }
        if sink.total(key) == last[key] { return "overwrote the total with one batch's increment: increments must be added, once per batch id; \(shown)" }
        if sink.total(key) > (truth[key] ?? 0) { return "`<` instead of `<=`: a replay of the LAST committed batch (id == last id) was applied again; skip every id <= the last committed one; \(shown)" }
        return "wrong total: \(shown)"
    }
    return nil
}
