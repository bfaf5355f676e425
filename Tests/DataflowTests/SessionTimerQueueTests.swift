import Testing
import SimKernel
@testable import Dataflow

/// The session timer wheel pops exactly what the binary heap it replaced
/// pops, in the same (time, key, start, kind) order, whatever the pattern of
/// pushes: deadlines a gap ahead with jitter (the common case), far beyond
/// the wheel's span (the overflow), behind the cursor, tied in time, at
/// `Int64.max`, negative; pops by a moving watermark and one at a time.
@Suite struct SessionTimerQueueTests {
    struct Xorshift {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    static func entry(_ time: Int64, key: Int32, start: Int64, kind: WindowTimer.Kind) -> SessionTimerEntry {
        SessionTimerEntry(time: time, start: start, key: key, list: key, kind: kind)
    }

    static func same(_ a: SessionTimerEntry?, _ b: SessionTimerEntry?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return a.time == b.time && a.key == b.key && a.start == b.start && a.kind == b.kind && a.list == b.list
        default: return false
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 0x9E37_79B9_7F4A_7C15])
    func theWheelPopsWhatTheHeapPops(seed: UInt64) {
        var random = Xorshift(state: seed)
        var wheel = SessionTimerQueue()
        var heap = BinaryMinHeap<SessionTimerEntry>()
        var now: Int64 = 1_000_000
        var popped = 0
        for step in 0..<30_000 {
            now += Int64(random.next(300))  // about 10^4 records/s of event time
            let time: Int64
            switch random.next(20) {
            case 0: time = now + 60_000_000 + Int64(random.next(5_000_000))  // beyond the wheel: overflow
            case 1: time = now - 3_000_000 - Int64(random.next(1_000_000))  // behind the cursor
            case 2: time = .max
            case 3: time = -Int64(random.next(1_000_000)) - 1
            case 4: time = now + 5_000_000  // ties in time, broken by key, start and kind
            default: time = now + 5_000_000 - Int64(random.next(400_000))
            }
            let pushed = Self.entry(time, key: Int32(random.next(50)), start: Int64(random.next(4)) * 1_000,
                                    kind: random.next(2) == 0 ? .fire : .cleanup)
            wheel.insert(pushed)
            heap.insert(pushed)
            // A watermark 200 ms behind: pop every deadline it passed, as `nextDue` does.
            let watermark = now - 200_000
            while let least = heap.min, least.time <= watermark {
                #expect(Self.same(wheel.min, least), "step \(step)")
                #expect(Self.same(wheel.removeMin(), heap.removeMin()), "step \(step)")
                popped += 1
            }
            if random.next(50) == 0, heap.count > 0 {
                #expect(Self.same(wheel.removeMin(), heap.removeMin()), "step \(step)")
                popped += 1
            }
            #expect(wheel.count == heap.count)
            if step % 997 == 0 { #expect(wheel.checkInvariants(), "step \(step)") }
        }
        // Drain: the rest, Int64.max included, in the same order.
        while heap.count > 0 {
            #expect(Self.same(wheel.removeMin(), heap.removeMin()))
            popped += 1
        }
        #expect(wheel.count == 0 && wheel.min == nil && wheel.checkInvariants())
        #expect(popped == 30_000)  // every pushed entry came out once
    }

    /// A bucket with more deadlines than a block holds chains blocks, and
    /// blocks freed by one bucket are reused by the next; the order is the heap's.
    @Test func crowdedBucketsChainBlocksAndReuseThem() {
        var random = Xorshift(state: 7)
        var wheel = SessionTimerQueue()
        var heap = BinaryMinHeap<SessionTimerEntry>()
        let cursorTime: Int64 = 1 << 30
        for round in 0..<4 {
            let base = cursorTime + Int64(round) * 3_000_000
            // The cursor's bucket, then three crowded buckets 1–3 ms later.
            for (offset, count) in [(Int64(0), 1), (1_024, 3 * SessionTimerQueue.blockSize + 5), (2_048, SessionTimerQueue.blockSize), (3_072, 1)] {
                for _ in 0..<count {
                    let pushed = Self.entry(base + offset + Int64(random.next(1_024)), key: Int32(random.next(10)),
                                            start: Int64(random.next(3)), kind: random.next(2) == 0 ? .fire : .cleanup)
                    wheel.insert(pushed)
                    heap.insert(pushed)
                }
            }
            #expect(wheel.checkInvariants(), "round \(round)")
            while heap.count > 0 {
                #expect(Self.same(wheel.removeMin(), heap.removeMin()), "round \(round)")
                #expect(wheel.checkInvariants(), "round \(round)")
            }
            #expect(wheel.count == 0)
        }
    }

    /// An emptied wheel restarts wherever the next deadline is, earlier or later.
    @Test func anEmptiedWheelRestartsAnywhere() {
        var wheel = SessionTimerQueue()
        for time: Int64 in [50_000_000, 10, 900_000_000_000, -5, 50_000_000] {
            wheel.insert(Self.entry(time, key: 1, start: 0, kind: .fire))
            #expect(wheel.checkInvariants())
            #expect(wheel.removeMin().time == time)
            #expect(wheel.count == 0 && wheel.checkInvariants())
        }
    }
}
