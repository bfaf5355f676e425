import Delivery
import SimKernel
import Testing

/// Kafka's log-cleaner rules on `CompactedTopic` (see `LogCleaner`).
@Suite struct LogCompactionTests {
    typealias Topic = CompactedTopic<Int64>

    /// keys 1,2,1,3,1,2 at seconds 0..5, then a delete of key 3 (tombstone) at 6; segments of `segment` records.
    func topic(segment: Int, lag: Duration = .zero, retention: Duration = .seconds(60)) -> Topic {
        var topic = Topic(policy: LogCleaner.Policy(segmentRecords: segment, minCompactionLag: lag, deleteRetention: retention))
        for (second, key) in [1, 2, 1, 3, 1, 2].enumerated() { topic.append(key: Int32(key), value: Int64(second * 10), at: .seconds(Int64(second))) }
        topic.append(key: 3, value: nil, at: .seconds(6))
        return topic
    }

    @Test func cleaningKeepsTheLatestValuePerKeyAtItsOriginalOffset() {
        var log = topic(segment: 7)
        log.append(key: 9, value: 0, at: .seconds(7))  // rolls a new active segment at offset 7
        let report = log.clean(now: .seconds(10))
        #expect(report.firstUncleanableOffset == 7)
        #expect(log.records.map(\.offset) == [4, 5, 6, 7])
        #expect(log.records.map(\.key) == [1, 2, 3, 9])
        #expect(log.read(from: 0).first?.offset == 4)
        #expect(log.read(from: 5).map(\.offset) == [5, 6, 7])
        #expect(log.endOffset == 8)
    }

    @Test func theActiveSegmentIsNeverCleaned() {
        var log = topic(segment: 4)  // segments [0,4) and the active [4,7)
        let report = log.clean(now: .seconds(100))
        #expect(report.activeSegmentBase == 4 && report.firstUncleanableOffset == 4)
        // Key 1 at offset 2 stays even though offset 4 (active) is newer: the map covers [0, 4) only.
        #expect(log.records.map(\.offset) == [1, 2, 3, 4, 5, 6])
        var whole = topic(segment: 100)
        whole.clean(now: .seconds(100))
        #expect(whole.records.count == 7)
    }

    @Test func recordsYoungerThanTheCompactionLagStayUncleaned() {
        var log = topic(segment: 2, lag: .seconds(3))
        log.append(key: 9, value: 0, at: .seconds(7))
        // Segments [0,2) newest at 1 s, [2,4) at 3 s, [4,6) at 5 s; at 5.5 s only the first is 3 s old.
        let report = log.clean(now: .millis(5_500))
        #expect(report.firstUncleanableOffset == 2)
        #expect(log.records.map(\.offset) == [0, 1, 2, 3, 4, 5, 6, 7])
        let later = log.clean(now: .seconds(100))
        #expect(later.firstUncleanableOffset == 6)
        #expect(log.records.map(\.offset) == [3, 4, 5, 6, 7])
    }

    @Test func aTombstoneIsKeptForTheDeleteRetentionThenDropped() {
        var log = topic(segment: 7, retention: .seconds(60))
        log.append(key: 9, value: 0, at: .seconds(7))
        let first = log.clean(now: .seconds(10))
        #expect(first.tombstonesKept == 1 && first.tombstonesRemoved == 0)
        #expect(log.records.first { $0.key == 3 }?.isTombstone == true)
        #expect(log.records.first { $0.key == 3 }?.deleteHorizon == .seconds(70))
        let early = log.clean(now: .seconds(69))
        #expect(early.tombstonesRemoved == 0 && log.records.contains { $0.key == 3 })
        let due = log.clean(now: .seconds(70))
        #expect(due.tombstonesRemoved == 1)
        #expect(!log.records.contains { $0.key == 3 })
        #expect(log.records.map(\.offset) == [4, 5, 7])
    }

    @Test func aTombstoneInTheActiveSegmentIsNotStamped() {
        var log = topic(segment: 7)
        log.clean(now: .seconds(1_000))
        #expect(log.records.last?.isTombstone == true && log.records.last?.deleteHorizon == nil)
    }

    @Test func partitionedLogCompactionSharesTheSurvivorRule() {
        #expect(LogCleaner.survivors(keys: [7, 8, 7, 9, 8], cleanableCount: 5) == [2, 3, 4])
        #expect(LogCleaner.survivors(keys: [7, 8, 7, 9, 8], cleanableCount: 3) == [1, 2, 3, 4])
    }
}
