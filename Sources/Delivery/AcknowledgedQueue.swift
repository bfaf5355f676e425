import Collections
import Workloads

/// A RabbitMQ-like queue with manual acknowledgements.
///
/// Model: a delivered message moves to the consumer's unacknowledged set; an
/// ack deletes it for good (a queue has no offsets and cannot replay acked
/// messages); a crash of the consumer (its channel closing) puts every
/// unacked message back at the head of the queue, in delivery order, marked
/// `redelivered`, as RabbitMQ requeues them. A message acked before it is
/// processed (`autoAck`) is therefore at-most-once; acked after, at-least-once.
public struct AcknowledgedQueue {
    public struct Message: Equatable, Sendable {
        public var deliveryTag: UInt64
        public var event: Event
        public var redelivered: Bool
    }

    private var ready: Deque<(event: Event, redelivered: Bool)> = []
    private var unacked: OrderedDictionary<UInt64, Message> = [:]
    private var nextTag: UInt64 = 1
    public let prefetchCount: Int

    /// `prefetchCount` bounds the unacked messages (RabbitMQ `basic.qos`):
    /// the broker stops delivering when it is reached, which is backpressure.
    public init(prefetchCount: Int) {
        precondition(prefetchCount > 0, "prefetch must be positive")
        self.prefetchCount = prefetchCount
    }

    public var readyCount: Int { ready.count }
    public var unackedCount: Int { unacked.count }

    public mutating func publish(_ event: Event) { ready.append((event, false)) }

    /// Delivers the next message, or nil when the queue is empty or the prefetch window is full.
    public mutating func deliver() -> Message? {
        guard unacked.count < prefetchCount, let next = ready.popFirst() else { return nil }
        let message = Message(deliveryTag: nextTag, event: next.event, redelivered: next.redelivered)
        nextTag += 1
        unacked[message.deliveryTag] = message
        return message
    }

    /// Deletes an unacked message. Acking an unknown tag is a programmer error
    /// (RabbitMQ closes the channel with PRECONDITION_FAILED).
    public mutating func ack(_ deliveryTag: UInt64) {
        precondition(unacked.removeValue(forKey: deliveryTag) != nil, "ack of unknown delivery tag \(deliveryTag)")
    }

    /// The consumer died: requeue every unacked message at the head, in delivery order.
    public mutating func consumerCrashed() {
        for message in unacked.values.reversed() { ready.prepend((message.event, true)) }
        unacked.removeAll()
    }
}
