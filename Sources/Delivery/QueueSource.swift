import SimKernel
import Workloads

/// Where a delivery pipeline reads its input from.
public enum SourceKind: String, Sendable, CaseIterable {
    /// A Kafka-like partitioned log: records stay after they are read, a
    /// consumer commits offsets, and recovery replays from an offset.
    case log
    /// A RabbitMQ-like queue (`AcknowledgedQueue`): an ack deletes a message,
    /// and a crash requeues the unacked ones, flagged `redelivered`.
    case queue

    public static func parse(_ text: String, field: String) throws(InputError) -> SourceKind {
        guard let kind = SourceKind(rawValue: text) else {
            throw InputError(file: "<command line>", field: field,
                             reason: "unknown source '\(text)'; expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}

/// What the queue did over a run.
public struct QueueStatistics: Equatable, Sendable {
    /// Deliveries of messages flagged `redelivered` (requeued by a crash).
    public var redeliveredCount: Int
    /// Messages acked, and therefore deleted for good.
    public var ackedCount: Int
    /// Messages still in the queue at the end (ready or unacked): all that a
    /// reprocessing from the beginning could read.
    public var remainingCount: Int
}

/// The pipelines' input when it comes from a queue instead of a log.
///
/// Model: arrivals are published to an `AcknowledgedQueue` as they arrive;
/// the engine takes messages by delivery instead of reading at an offset.
/// The consumer acks when the guarantee says the input is done with: at
/// delivery (auto-ack) for at-most-once, and when the checkpoint or batch
/// commit that covers the message completes otherwise (as Flink's RabbitMQ
/// source acks on `notifyCheckpointComplete`). So a crash redelivers exactly
/// the messages after the last acked one, which is where a log consumer would
/// resume from its committed offset; the difference is what is left after:
/// an acked message is gone, so no consumer can ever reprocess it.
///
/// The pipelines still count records by position in arrival order; `take`
/// checks that the queue delivers the record at that position, which is the
/// claim "redelivery order = replay order" made executable.
struct QueueSource {
    private var queue = AcknowledgedQueue(prefetchCount: Int.max)
    private var publishedCount = 0
    /// Delivery tags of unacked messages, by position (ascending).
    private var unackedTags: [(position: Int, tag: UInt64)] = []
    private var ackedCount = 0
    private var redeliveredCount = 0
    let autoAck: Bool

    init(autoAck: Bool) { self.autoAck = autoAck }

    /// The first position not yet acked: where a restarted consumer's next
    /// delivery comes from.
    var resumePosition: Int { ackedCount }

    /// Delivers the message for `position`, publishing arrivals up to it first.
    mutating func take(_ position: Int, from source: ArrivalLog) {
        while publishedCount <= position {
            queue.publish(source.event(at: publishedCount))
            publishedCount += 1
        }
        guard let message = queue.deliver() else { preconditionFailure("queue empty at position \(position)") }
        precondition(message.event.id == source.event(at: position).id, "queue delivered out of log order at \(position)")
        if message.redelivered { redeliveredCount += 1 }
        if autoAck {
            queue.ack(message.deliveryTag)
            ackedCount += 1
        } else {
            unackedTags.append((position, message.deliveryTag))
        }
    }

    /// Acks (deletes) every delivered message before `position`.
    mutating func acknowledge(before position: Int) {
        var acked = 0
        // Bounded by the unacked messages.
        while acked < unackedTags.count, unackedTags[acked].position < position {
            queue.ack(unackedTags[acked].tag)
            acked += 1
        }
        unackedTags.removeFirst(acked)
        ackedCount += acked
    }

    /// The consumer's channel closed: the broker requeues the unacked messages.
    mutating func consumerCrashed() {
        queue.consumerCrashed()
        unackedTags.removeAll()
    }

    func statistics(inputCount: Int) -> QueueStatistics {
        QueueStatistics(redeliveredCount: redeliveredCount, ackedCount: ackedCount, remainingCount: inputCount - ackedCount)
    }
}
