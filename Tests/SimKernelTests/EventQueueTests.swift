import Testing
@testable import SimKernel

@Suite struct EventQueueTests {
    @Test func eventsAtTheSameInstantPopInInsertionOrder() {
        var queue = EventQueue<String>()
        queue.schedule(at: .millis(5), "b1")
        queue.schedule(at: .millis(1), "a")
        queue.schedule(at: .millis(5), "b2")
        queue.schedule(at: .millis(5), "b3")
        var order: [String] = []
        while let next = queue.popNext() { order.append(next.payload) }
        #expect(order == ["a", "b1", "b2", "b3"])
    }

    @Test func cancelledEntriesNeverPop() {
        var queue = EventQueue<Int>()
        let tokens = (0..<10).map { queue.schedule(at: Instant(micros: Int64(10 - $0)), $0) }
        queue.cancel(tokens[9])
        queue.cancel(tokens[3])
        #expect(queue.count == 8)
        var seen: [Int] = []
        while let next = queue.popNext() { seen.append(next.payload) }
        #expect(seen == [8, 7, 6, 5, 4, 2, 1, 0])
    }

    @Test func randomSchedulesPopSortedByTimeThenSequence() {
        let stream = RandomStream(root: 42, component: "test.queue")
        var queue = EventQueue<Int>()
        var expected: [(Int64, Int)] = []
        for index in 0..<5_000 {
            let time = Int64(stream.nextIndex(below: 300))
            queue.schedule(at: Instant(micros: time), index)
            expected.append((time, index))
        }
        expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var popped: [(Int64, Int)] = []
        while let next = queue.popNext() { popped.append((next.time.micros, next.payload)) }
        #expect(popped.map(\.0) == expected.map(\.0))
        #expect(popped.map(\.1) == expected.map(\.1))
    }
}

@Suite struct SimulationTests {
    @Test func runStopsAtEndTimeAndLeavesLaterEventsQueued() {
        let simulation = Simulation<Int>()
        for second in 1...10 { simulation.schedule(at: .seconds(Int64(second)), second) }
        var handled: [Int] = []
        let outcome = simulation.run(until: .seconds(4)) { _, value in handled.append(value) }
        #expect(outcome == .reachedEndTime)
        #expect(handled == [1, 2, 3, 4])
        #expect(simulation.now == .seconds(4))
        #expect(simulation.pendingCount == 6)
    }

    @Test func runIsBoundedByEventCountEvenWhenHandlersRescheduleForever() {
        let simulation = Simulation<Int>()
        simulation.schedule(at: .zero, 0)
        let outcome = simulation.run(maxEvents: 1_000) { sim, value in
            sim.schedule(after: .millis(1), value + 1)
        }
        #expect(outcome == .reachedEventLimit)
        #expect(simulation.eventsHandled == 1_000)
        #expect(simulation.now == .millis(999))
    }

    /// The clock moves inline only to a time strictly before the next event
    /// (a tie goes to the event, which was scheduled first), and anywhere
    /// once nothing is due.
    @Test func advanceClockIfFirstMovesOnlyBeforeTheNextEvent() {
        let simulation = Simulation<Int>()
        simulation.schedule(at: .seconds(5), 1)
        #expect(simulation.advanceClockIfFirst(to: .seconds(4)))
        #expect(simulation.now == .seconds(4))
        #expect(!simulation.advanceClockIfFirst(to: .seconds(5)))
        #expect(!simulation.advanceClockIfFirst(to: .seconds(6)))
        #expect(simulation.now == .seconds(4))
        simulation.run { _, _ in }
        #expect(simulation.now == .seconds(5))
        #expect(simulation.advanceClockIfFirst(to: .seconds(60)))
        #expect(simulation.now == .seconds(60))
    }

    /// The next event's time, once asked, is remembered: it must follow
    /// every schedule, cancel and pop made after that, as the queue does.
    /// A random mix, checked against the queue itself at every step.
    @Test func theNextEventTimeFollowsSchedulesCancelsAndPops() {
        let simulation = Simulation<Int>()
        var reference = EventQueue<Int>()
        var tokens: [ScheduledToken] = [], referenceTokens: [ScheduledToken] = []
        let random = RandomStream(seed: 7)
        // Bounded: 5,000 steps.
        for step in 0..<5_000 {
            #expect(simulation.nextEventTime == reference.peekTime(), "step \(step)")
            switch random.nextBits() % 4 {
            case 0, 1:
                let time = simulation.now + Duration(micros: Int64(random.nextBits() % 1_000))
                tokens.append(simulation.schedule(at: time, step))
                referenceTokens.append(reference.schedule(at: time, step))
            case 2 where !tokens.isEmpty:
                let index = Int(random.nextBits() % UInt32(tokens.count))
                simulation.cancel(tokens.remove(at: index))
                reference.cancel(referenceTokens.remove(at: index))
            default:
                let before = simulation.eventsHandled
                simulation.run(maxEvents: 1) { _, _ in }
                if simulation.eventsHandled > before { _ = reference.popNext() }
                // A popped token must not be cancelled: cancel only what is scheduled next.
                tokens.removeAll()
                referenceTokens.removeAll()
            }
        }
    }
}
