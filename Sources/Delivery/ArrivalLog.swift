import SimKernel
import Workloads

/// The source as the pipelines read it: the events in a `PartitionedLog`,
/// consumed in arrival order.
///
/// A consumer that merges its partitions by arrival time reads a prefix of the
/// arrival-ordered stream, so its position over all partitions is one number:
/// how many records of the merged stream it has read. Checkpoints, the offset
/// log and the consumer group store that number; `partitionOffsets(at:)`
/// turns it back into Kafka's per-partition offsets.
struct ArrivalLog {
    let events: [Event]
    let log: PartitionedLog
    /// `partitionOf[i]` is the partition of `events[i]`.
    private let partitionOf: [Int]

    init(events: [Event], partitionCount: Int) {
        self.events = events
        var log = PartitionedLog(partitionCount: partitionCount)
        var partitionOf: [Int] = []
        partitionOf.reserveCapacity(events.count)
        for event in events { partitionOf.append(log.append(event).partition) }
        self.log = log
        self.partitionOf = partitionOf
    }

    var count: Int { events.count }

    /// How many records have arrived by `time` (the log end offset, merged).
    func arrivedCount(by time: Instant) -> Int {
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].arrivalTime <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Kafka's per-partition offsets for a merged position.
    func partitionOffsets(at position: Int) -> [Int] {
        var offsets = Array(repeating: 0, count: log.partitionCount)
        for index in 0..<position { offsets[partitionOf[index]] += 1 }
        return offsets
    }
}
