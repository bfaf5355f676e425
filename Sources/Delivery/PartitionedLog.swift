import SimKernel
import Workloads

/// A Kafka-like partitioned, append-only log.
///
/// Model: each partition is a sequence of records with dense offsets starting
/// at 0. Records are never changed; retention only advances a partition's log
/// start offset (reads below it fail as Kafka's `OffsetOutOfRange`), and
/// compaction keeps the latest record per key while offsets stay stable (gaps
/// appear, as in a compacted Kafka topic). Consumers read from any retained
/// offset, so replay after a crash is "seek to the committed offset and read
/// again". A consumer group's committed offset is the *next* offset to read,
/// as in Kafka.
public struct PartitionedLog {
    public struct Record: Equatable, Sendable {
        public var offset: Int
        public var event: Event
    }

    public enum ReadError: Error, Equatable {
        /// The requested offset was deleted by retention (Kafka: OffsetOutOfRange).
        case offsetOutOfRange(partition: Int, requested: Int, logStart: Int)
    }

    private var partitions: [[Record]]
    /// Index into `partitions[p]` of the first retained record.
    private var firstRetainedIndex: [Int]
    private var nextOffset: [Int]
    /// Kafka's log start offset: moved by retention only, so reading a
    /// compacted-away offset returns the next surviving record instead of failing.
    private var logStartOffset: [Int]
    /// Committed offsets per consumer group (group names sorted when listed).
    private var committed: [String: [Int]] = [:]

    public init(partitionCount: Int) {
        precondition(partitionCount > 0, "a log needs at least one partition")
        partitions = Array(repeating: [], count: partitionCount)
        firstRetainedIndex = Array(repeating: 0, count: partitionCount)
        nextOffset = Array(repeating: 0, count: partitionCount)
        logStartOffset = Array(repeating: 0, count: partitionCount)
    }

    public var partitionCount: Int { partitions.count }

    /// The partition an event goes to: its own `partition` field, folded into range.
    public func partition(for event: Event) -> Int {
        Int(UInt32(bitPattern: event.partition) % UInt32(partitions.count))
    }

    /// Appends and returns (partition, offset).
    @discardableResult
    public mutating func append(_ event: Event) -> (partition: Int, offset: Int) {
        let p = partition(for: event)
        let offset = nextOffset[p]
        partitions[p].append(Record(offset: offset, event: event))
        nextOffset[p] += 1
        return (p, offset)
    }

    /// The offset the next append to `partition` gets (Kafka's log end offset).
    public func endOffset(_ partition: Int) -> Int { nextOffset[partition] }

    /// The lowest offset still readable.
    public func startOffset(_ partition: Int) -> Int { logStartOffset[partition] }

    /// Up to `maxRecords` records of `partition` from `offset` on (replay reads the same records again).
    public func read(partition: Int, from offset: Int, maxRecords: Int) throws(ReadError) -> [Record] {
        let logStart = startOffset(partition)
        guard offset >= logStart else {
            throw .offsetOutOfRange(partition: partition, requested: offset, logStart: logStart)
        }
        let records = partitions[partition]
        // Offsets are increasing (dense before compaction), so binary search.
        var low = firstRetainedIndex[partition], high = records.count
        while low < high {
            let mid = (low + high) / 2
            if records[mid].offset < offset { low = mid + 1 } else { high = mid }
        }
        return Array(records[low..<min(records.count, low + max(0, maxRecords))])
    }

    /// Time-based retention: deletes records whose arrival is before `cutoff`
    /// (Kafka `retention.ms`, applied per whole record here rather than per segment).
    public mutating func applyRetention(deleteArrivedBefore cutoff: Instant) {
        for p in partitions.indices {
            var index = firstRetainedIndex[p]
            while index < partitions[p].count, partitions[p][index].event.arrivalTime < cutoff { index += 1 }
            firstRetainedIndex[p] = index
            logStartOffset[p] = max(logStartOffset[p], index < partitions[p].count ? partitions[p][index].offset : nextOffset[p])
        }
    }

    /// Log compaction: keeps only the latest record per key in each partition;
    /// surviving records keep their offsets. Every retained record counts as
    /// cleanable here (as if the active segment had just rolled); the full
    /// cleaner rules, with an active segment, a compaction lag and tombstones,
    /// are `LogCleaner` and `CompactedTopic`, which share `LogCleaner.survivors`.
    public mutating func compact() {
        for p in partitions.indices {
            let retained = Array(partitions[p][firstRetainedIndex[p]...])
            let keys = retained.map(\.event.key)
            partitions[p] = LogCleaner.survivors(keys: keys, cleanableCount: keys.count).map { retained[$0] }
            firstRetainedIndex[p] = 0
        }
    }

    /// Records still readable in every partition (after retention and compaction).
    public var retainedCount: Int {
        partitions.indices.reduce(0) { $0 + partitions[$1].count - firstRetainedIndex[$1] }
    }

    /// Commits a consumer group's position (the next offset to read, per partition).
    public mutating func commit(group: String, offsets: [Int]) {
        precondition(offsets.count == partitions.count, "one offset per partition")
        committed[group] = offsets
    }

    /// The group's committed offsets, or all zeros (`auto.offset.reset=earliest`).
    public func committedOffsets(group: String) -> [Int] {
        committed[group] ?? Array(repeating: 0, count: partitions.count)
    }

    /// Records not yet consumed by a group, summed over partitions (consumer lag).
    public func lag(group: String) -> Int {
        zip(nextOffset, committedOffsets(group: group)).reduce(0) { $0 + ($1.0 - $1.1) }
    }
}
