import Delivery
import SimKernel
import Testing
import Workloads

@Suite struct PartitionedLogTests {
    func event(_ id: UInt64, key: Int32, partition: Int32 = 0, arrival: Int64 = 0) -> Event {
        Event(id: id, key: key, partition: partition, value: 1, eventTime: .seconds(arrival), arrivalTime: .seconds(arrival))
    }

    @Test func offsetsAreDensePerPartitionAndReplayReadsTheSameRecords() throws {
        var log = PartitionedLog(partitionCount: 2)
        for id in 0..<6 { log.append(event(UInt64(id), key: 0, partition: Int32(id % 2))) }
        #expect(log.endOffset(0) == 3 && log.endOffset(1) == 3)
        let first = try log.read(partition: 1, from: 1, maxRecords: 10)
        let replay = try log.read(partition: 1, from: 1, maxRecords: 10)
        #expect(first == replay)
        #expect(first.map(\.offset) == [1, 2])
        #expect(first.map(\.event.id) == [3, 5])
    }

    @Test func retentionMakesOldOffsetsUnreadable() throws {
        var log = PartitionedLog(partitionCount: 1)
        for id in 0..<5 { log.append(event(UInt64(id), key: 0, arrival: Int64(id))) }
        log.applyRetention(deleteArrivedBefore: .seconds(3))
        #expect(log.startOffset(0) == 3)
        #expect(throws: PartitionedLog.ReadError.offsetOutOfRange(partition: 0, requested: 1, logStart: 3)) {
            try log.read(partition: 0, from: 1, maxRecords: 1)
        }
        #expect(try log.read(partition: 0, from: 3, maxRecords: 9).map(\.event.id) == [3, 4])
    }

    @Test func compactionKeepsTheLatestRecordPerKeyWithItsOffset() throws {
        var log = PartitionedLog(partitionCount: 1)
        for (id, key) in [(0, 7), (1, 8), (2, 7), (3, 9), (4, 8)] { log.append(event(UInt64(id), key: Int32(key))) }
        #expect(log.retainedCount == 5)
        log.compact()
        #expect(log.retainedCount == 3)
        let records = try log.read(partition: 0, from: 0, maxRecords: 10)
        #expect(records.map(\.offset) == [2, 3, 4])
        #expect(records.map(\.event.key) == [7, 9, 8])
        #expect(log.endOffset(0) == 5)
    }

    @Test func consumerGroupCommitsDriveLag() {
        var log = PartitionedLog(partitionCount: 2)
        for id in 0..<5 { log.append(event(UInt64(id), key: 0, partition: Int32(id % 2))) }
        #expect(log.lag(group: "g") == 5)
        log.commit(group: "g", offsets: [2, 1])
        #expect(log.committedOffsets(group: "g") == [2, 1])
        #expect(log.lag(group: "g") == 2)
    }
}
