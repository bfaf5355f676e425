import SimKernel

/// Kafka's log-cleaner rules for a compacted topic (`cleanup.policy=compact`),
/// as pure functions over one partition's records.
///
/// The rules, from Kafka's `LogCleaner.scala` / `LogCleanerManager.scala` and
/// the topic configuration reference:
/// - A record with key K at offset O is obsolete when a record with key K and a
///   higher offset exists in the cleanable range; the cleaner drops obsolete
///   records and keeps every survivor at its original offset (offsets never
///   change; the log gets gaps, and a fetch from a removed offset returns the
///   next surviving record).
/// - The cleanable range ends at the first uncleanable offset: the base offset
///   of the active segment (the segment being written is never cleaned), or
///   earlier, the base of the first segment holding a record younger than
///   `min.compaction.lag.ms` (KAFKA-1981, Kafka 0.10.1: it exists so that a
///   consumer less than the lag behind still reads every record). Nothing at
///   or after it is removed, even when a newer value of the same key sits there.
/// - A tombstone (null value) removes the key's older values like any newer
///   record, and is itself kept for `delete.retention.ms` so that consumers
///   still reading can see the delete. Since KIP-534 (Kafka 3.1) the horizon is
///   stamped when the cleaner first compacts the tombstone: the tombstone is
///   dropped by the first cleaning at or after that horizon. The topic
///   reference notes why: a consumer that starts from offset 0 must reach the
///   end within `delete.retention.ms` to be sure to see every delete.
/// Sources: kafka.apache.org topic configuration (`cleanup.policy`,
/// `min.compaction.lag.ms`, `delete.retention.ms`, `segment.bytes`), the
/// design section on log compaction, KIP-534 (tombstone horizon) and
/// KAFKA-1981 / apache/kafka#1168 (compaction lag; the active segment is never
/// compacted even when the lag is met).
public enum LogCleaner {
    /// The topic settings the cleaner reads.
    public struct Policy: Equatable, Sendable {
        /// Records per segment (Kafka rolls by `segment.bytes` / `segment.ms`; counting records keeps it deterministic).
        public var segmentRecords: Int
        /// `min.compaction.lag.ms` (Kafka's default 0).
        public var minCompactionLag: Duration
        /// `delete.retention.ms` (Kafka's default 86 400 000, one day).
        public var deleteRetention: Duration

        public init(segmentRecords: Int, minCompactionLag: Duration = .zero, deleteRetention: Duration = .millis(86_400_000)) {
            precondition(segmentRecords > 0, "a segment holds at least one record")
            self.segmentRecords = segmentRecords
            self.minCompactionLag = minCompactionLag
            self.deleteRetention = deleteRetention
        }
    }

    /// The base offset of the segment holding `offset`.
    public static func segmentBase(of offset: Int, segmentRecords: Int) -> Int { offset - offset % segmentRecords }

    /// The active segment's base: the segment of the last appended offset
    /// (Kafka rolls a full segment on the next append, not before).
    public static func activeSegmentBase(endOffset: Int, segmentRecords: Int) -> Int {
        endOffset == 0 ? 0 : segmentBase(of: endOffset - 1, segmentRecords: segmentRecords)
    }

    /// Kafka's first uncleanable offset: the active segment's base, or the base
    /// of the first segment whose newest record is younger than the lag.
    /// `records` are (offset, timestamp) in offset order.
    public static func firstUncleanableOffset(records: some Sequence<(offset: Int, timestamp: Instant)>, endOffset: Int,
                                              policy: Policy, now: Instant) -> Int {
        let active = activeSegmentBase(endOffset: endOffset, segmentRecords: policy.segmentRecords)
        guard policy.minCompactionLag > .zero else { return active }
        var newestPerSegment: [(base: Int, newest: Instant)] = []
        for record in records where record.offset < active {
            let base = segmentBase(of: record.offset, segmentRecords: policy.segmentRecords)
            if newestPerSegment.last?.base == base {
                newestPerSegment[newestPerSegment.count - 1].newest = max(newestPerSegment[newestPerSegment.count - 1].newest, record.timestamp)
            } else {
                newestPerSegment.append((base, record.timestamp))
            }
        }
        let tooYoung = newestPerSegment.first { now - $0.newest < policy.minCompactionLag }
        return tooYoung.map { min($0.base, active) } ?? active
    }

    /// Indices (into `keys`) of the records that survive de-duplication within
    /// the first `cleanableCount` records: the last one per key. Records after
    /// the cleanable range all survive. Result in offset order.
    public static func survivors(keys: [Int32], cleanableCount: Int) -> [Int] {
        precondition(cleanableCount <= keys.count, "the cleanable range lies inside the log")
        var latest: [Int32: Int] = [:]
        for index in 0..<cleanableCount { latest[keys[index]] = index }
        return (0..<cleanableCount).filter { latest[keys[$0]] == $0 } + Array(cleanableCount..<keys.count)
    }
}
