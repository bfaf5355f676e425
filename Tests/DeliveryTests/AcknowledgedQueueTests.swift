import Delivery
import SimKernel
import Testing
import Workloads

@Suite struct AcknowledgedQueueTests {
    func event(_ id: UInt64) -> Event { Event(id: id, key: 0, value: 1, eventTime: .zero, arrivalTime: .zero) }

    @Test func ackedMessagesAreGoneAndUnackedOnesAreRedeliveredAfterACrash() throws {
        var queue = AcknowledgedQueue(prefetchCount: 10)
        for id in 0..<4 { queue.publish(event(UInt64(id))) }
        let delivered1 = queue.deliver()
        let first = try #require(delivered1)
        let delivered2 = queue.deliver()
        let second = try #require(delivered2)
        queue.ack(first.deliveryTag)
        #expect(queue.unackedCount == 1)
        queue.consumerCrashed()
        let delivered3 = queue.deliver()
        let redelivered = try #require(delivered3)
        #expect(redelivered.event.id == second.event.id)
        #expect(redelivered.redelivered)
        let next = queue.deliver()
        #expect(next?.event.id == 2)
        #expect(queue.readyCount == 1)
    }

    @Test func prefetchWindowStopsDeliveryUntilAnAck() throws {
        var queue = AcknowledgedQueue(prefetchCount: 2)
        for id in 0..<3 { queue.publish(event(UInt64(id))) }
        let delivered1 = queue.deliver()
        let first = try #require(delivered1)
        _ = queue.deliver()
        let none = queue.deliver()
        #expect(none == nil)
        queue.ack(first.deliveryTag)
        let next = queue.deliver()
        #expect(next?.event.id == 2)
    }
}
