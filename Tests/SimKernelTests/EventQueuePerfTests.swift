import Testing
@testable import SimKernel

/// The radix heap behind `EventQueue` (chosen for speed, see
/// Benchmarks/README.md) has paths a plain heap lacks: redistribution when
/// the front bucket empties, and a rebuild when a bare queue is scheduled
/// before its last popped time. These tests drive both against a sorted model.
@Suite struct EventQueuePerfTests {
    /// Interleaves schedules and pops like a simulation (never before the
    /// last popped time), and checks every pop against (time, sequence) order.
    @Test(arguments: [1, 7, 42])
    func interleavedSchedulesAndPopsFollowTimeThenInsertionOrder(seed: UInt64) {
        let stream = RandomStream(root: seed, component: "test.queue.interleaved")
        var queue = EventQueue<Int>()
        var model: [(time: Int64, label: Int)] = []
        var now: Int64 = 0
        var label = 0
        for _ in 0..<6_000 {
            if stream.nextUnit() < 0.55 || model.isEmpty {
                // Mostly near-future times, with ties and the occasional far one.
                let span = stream.nextUnit() < 0.1 ? 5_000_000 : 300
                let time = now + Int64(stream.nextIndex(below: span))
                queue.schedule(at: Instant(micros: time), label)
                model.append((time, label))
                label += 1
            } else {
                let index = model.indices.min { model[$0].time != model[$1].time ? model[$0].time < model[$1].time : model[$0].label < model[$1].label }!
                let expected = model.remove(at: index)
                let popped = queue.popNext()
                #expect(popped?.time.micros == expected.time, "seed \(seed)")
                #expect(popped?.payload == expected.label, "seed \(seed)")
                now = expected.time
            }
        }
        #expect(queue.count == model.count)
    }

    @Test func schedulingBeforeTheLastPoppedTimeStillPopsInOrder() {
        var queue = EventQueue<String>()
        queue.schedule(at: .millis(10), "ten")
        queue.schedule(at: .millis(20), "twenty-a")
        #expect(queue.popNext()?.payload == "ten")
        queue.schedule(at: .millis(5), "five")
        queue.schedule(at: .millis(20), "twenty-b")
        queue.schedule(at: .millis(5), "five-again")
        var order: [String] = []
        while let next = queue.popNext() { order.append(next.payload) }
        #expect(order == ["five", "five-again", "twenty-a", "twenty-b"])
    }

    @Test func negativeTimesSortBeforePositiveOnes() {
        var queue = EventQueue<Int>()
        for time: Int64 in [3, -2, 0, -7, 3] { queue.schedule(at: Instant(micros: time), Int(time)) }
        var times: [Int64] = []
        while let next = queue.popNext() { times.append(next.time.micros) }
        #expect(times == [-7, -2, 0, 3, 3])
    }

    @Test func cancelledFrontEntriesAreSkippedAndPeekSeesTheNextLiveOne() {
        var queue = EventQueue<Int>()
        let first = queue.schedule(at: .millis(1), 1)
        let second = queue.schedule(at: .millis(1), 2)
        queue.schedule(at: .millis(9), 3)
        queue.cancel(first)
        queue.cancel(second)
        #expect(queue.count == 1)
        #expect(queue.peekTime() == .millis(9))
        #expect(queue.popNext()?.payload == 3)
        #expect(queue.popNext() == nil)
        #expect(queue.isEmpty)
    }

    @Test func aCopiedQueueIsIndependentOfTheOriginal() {
        var original = EventQueue<String>()
        original.schedule(at: .millis(2), "b")
        original.schedule(at: .millis(1), "a")
        _ = original.peekTime()
        var copy = original
        #expect(copy.popNext()?.payload == "a")
        copy.schedule(at: .millis(3), "c")
        #expect(original.count == 2)
        #expect(original.popNext()?.payload == "a")
        #expect(original.popNext()?.payload == "b")
        #expect(original.popNext() == nil)
        #expect(copy.popNext()?.payload == "b")
        #expect(copy.popNext()?.payload == "c")
    }
}
