import Engines
import SimKernel

/// `cdc --compacted`: the changelog published the way Debezium publishes it
/// (one record per change keyed by the row's key, and after a delete a
/// tombstone, `tombstones.on.delete=true`), cleaned twice by `LogCleaner`'s
/// rules and read by four consumers.
extension CDCScenarioRun {
    typealias Topic = CompactedTopic<ChangeDataCapture.Change>

    static func publish(_ changes: [ChangeDataCapture.Change], policy: LogCleaner.Policy) -> Topic {
        var topic = Topic(policy: policy)
        for change in changes {
            topic.append(key: change.key, value: change, at: change.capturedAt)
            if change.operation == .delete { topic.append(key: change.key, value: nil, at: change.capturedAt) }
        }
        return topic
    }

    /// A consumer materializing the table: a delete or a tombstone removes the row.
    static func consume(_ records: some Sequence<Topic.Record>, into table: inout [Int32: Int64]) {
        for record in records {
            if let change = record.value, change.operation != .delete { table[record.key] = change.after } else { table.removeValue(forKey: record.key) }
        }
    }

    func compactionReport(_ shop: ShopInventory, keyName: (Int32) -> String) -> [String] {
        var topic = Self.publish(shop.database.changelog, policy: policy)
        let tombstones = topic.records.filter(\.isTombstone).count
        var lines = [header(" --compacted --segment-records \(policy.segmentRecords) --min-compaction-lag-ms \(policy.minCompactionLag.micros / 1_000)"
                            + " --delete-retention-ms \(policy.deleteRetention.micros / 1_000) --limit \(limit)")]
        lines.append("topic inventory (one partition, key = sku): \(topic.endOffset - tombstones) changes + \(tombstones) tombstones"
                     + " = \(topic.endOffset) records, offsets 0-\(topic.endOffset - 1), segments of \(policy.segmentRecords) records")
        var tableA: [Int32: Int64] = [:]
        Self.consume(topic.read(from: 0), into: &tableA)
        lines.append("consumer A read every record as it was written: \(tableA.count) rows")
        let pausedAt = topic.endOffset / 3
        var tableB: [Int32: Int64] = [:]
        Self.consume(topic.read(from: 0, maxRecords: pausedAt), into: &tableB)
        lines.append("consumer B read offsets 0-\(pausedAt - 1), then paused (\(tableB.count) rows so far)")
        let firstCleaning = topic.records.last?.timestamp ?? .zero
        lines += cleaning(1, of: &topic, at: firstCleaning, when: "the last record's time", keyName: keyName)
        lines.append(rereadLine("C", topic, matching: tableA))
        lines += cleaning(2, of: &topic, at: firstCleaning + policy.deleteRetention, when: "cleaning 1 + delete.retention.ms", keyName: keyName)
        lines.append(rereadLine("D", topic, matching: tableA))
        Self.consume(topic.read(from: pausedAt), into: &tableB)
        let stale = Set(tableA.keys).symmetricDifference(tableB.keys).union(tableA.keys.filter { tableB[$0] != nil && tableB[$0] != tableA[$0] })
        let names = stale.sorted().prefix(5).map(keyName).joined(separator: ", ")
        lines.append("consumer B resumes at offset \(pausedAt): \(tableB.count) rows, \(stale.count) differ from A"
                     + (stale.isEmpty ? "" : " (\(names)\(stale.count > 5 ? ", …" : "")): rows it saw before a delete whose record and tombstone were cleaned away before it read them"))
        return lines
    }

    func cleaning(_ number: Int, of topic: inout Topic, at now: Instant, when: String, keyName: (Int32) -> String) -> [String] {
        let before = topic.records.count
        let activeBefore = topic.read(from: LogCleaner.activeSegmentBase(endOffset: topic.endOffset, segmentRecords: policy.segmentRecords)).map(\.offset)
        let report = topic.clean(now: now)
        let activeAfter = topic.read(from: report.activeSegmentBase).map(\.offset)
        var lines = ["cleaning \(number) at \(clockText(now)) (\(when)): cleanable below offset \(report.firstUncleanableOffset)"
                     + " (active segment from \(report.activeSegmentBase)); removed \(report.obsoleteRemoved) obsolete records and"
                     + " \(report.tombstonesRemoved) tombstones, kept \(report.tombstonesKept) tombstones; \(before) -> \(topic.records.count) records"]
        lines.append("  active segment untouched: \(activeBefore == activeAfter ? "yes" : "NO") (\(activeAfter.count) records)")
        let shown = topic.read(from: 0, maxRecords: limit).map { record in
            "\(record.offset) \(keyName(record.key)) " + (record.value.map { $0.operation == .delete ? "d" : "\($0.operation.rawValue) \($0.after ?? 0)" } ?? "tombstone")
        }
        lines.append("  from offset 0: " + shown.joined(separator: " | "))
        return lines
    }

    func rereadLine(_ name: String, _ topic: Topic, matching expected: [Int32: Int64]) -> String {
        var table: [Int32: Int64] = [:]
        Self.consume(topic.read(from: 0), into: &table)
        return "consumer \(name) reads from offset 0 now: \(topic.records.count) records, \(table.count) rows, same table as A: \(table == expected ? "yes" : "NO")"
    }
}
