import SimKernel

/// One partition of a compacted Kafka topic (`cleanup.policy=compact`) that
/// consumers really read: append keyed records, run the cleaner at a given
/// simulated time (`LogCleaner`'s rules), fetch from any offset.
///
/// A `nil` value is a tombstone. Offsets are dense at append and never change;
/// cleaning leaves gaps, and `read(from:)` at a removed offset starts at the
/// next survivor, as a Kafka fetch does.
public struct CompactedTopic<Value: Sendable>: Sendable {
    public struct Record: Sendable {
        public var offset: Int
        public var key: Int32
        /// Nil: a tombstone.
        public var value: Value?
        public var timestamp: Instant
        /// KIP-534: stamped when a cleaning first keeps this tombstone; the
        /// tombstone goes at the first cleaning at or after it.
        public var deleteHorizon: Instant?

        public var isTombstone: Bool { value == nil }
    }

    /// What one cleaning did.
    public struct CleaningReport: Equatable, Sendable {
        public var firstUncleanableOffset: Int
        public var activeSegmentBase: Int
        public var obsoleteRemoved: Int
        public var tombstonesRemoved: Int
        public var tombstonesKept: Int
    }

    public let policy: LogCleaner.Policy
    public private(set) var records: [Record] = []
    public private(set) var endOffset = 0

    public init(policy: LogCleaner.Policy) { self.policy = policy }

    /// Appends and returns the record's offset. Timestamps must not go back (log append time).
    @discardableResult
    public mutating func append(key: Int32, value: Value?, at time: Instant) -> Int {
        precondition(records.last.map { $0.timestamp <= time } ?? true, "log append time never goes back")
        records.append(Record(offset: endOffset, key: key, value: value, timestamp: time, deleteHorizon: nil))
        endOffset += 1
        return endOffset - 1
    }

    /// Up to `maxRecords` records from `offset` on (the next survivor when it was removed).
    public func read(from offset: Int, maxRecords: Int = Int.max) -> ArraySlice<Record> {
        var low = 0, high = records.count
        while low < high {
            let mid = (low + high) / 2
            if records[mid].offset < offset { low = mid + 1 } else { high = mid }
        }
        return records[low..<(low + min(maxRecords, records.count - low))]
    }

    /// One pass of the log cleaner at simulated time `now`.
    @discardableResult
    public mutating func clean(now: Instant) -> CleaningReport {
        let uncleanable = LogCleaner.firstUncleanableOffset(records: records.lazy.map { ($0.offset, $0.timestamp) },
                                                            endOffset: endOffset, policy: policy, now: now)
        let cleanableCount = records.firstIndex { $0.offset >= uncleanable } ?? records.count
        let survivors = LogCleaner.survivors(keys: records.map(\.key), cleanableCount: cleanableCount)
        var report = CleaningReport(firstUncleanableOffset: uncleanable,
                                    activeSegmentBase: LogCleaner.activeSegmentBase(endOffset: endOffset, segmentRecords: policy.segmentRecords),
                                    obsoleteRemoved: records.count - survivors.count, tombstonesRemoved: 0, tombstonesKept: 0)
        var kept: [Record] = []
        kept.reserveCapacity(survivors.count)
        for index in survivors {
            var record = records[index]
            if record.isTombstone && index < cleanableCount {
                if let horizon = record.deleteHorizon, now >= horizon {
                    report.tombstonesRemoved += 1
                    continue
                }
                if record.deleteHorizon == nil { record.deleteHorizon = now + policy.deleteRetention }
                report.tombstonesKept += 1
            }
            kept.append(record)
        }
        records = kept
        return report
    }
}
