import SimKernel
import Testing
@testable import Harness

/// The checker's id table against a plain dictionary, under the id orders a
/// log produces: mostly increasing, some far behind (late backlogs), some
/// far ahead, and the table emptying and refilling lower than before.
@Suite struct IDTableTests {
    @Test func behavesLikeADictionary() {
        let stream = RandomStream(seed: 9)
        var table = IDTable<Int>(vacant: -1)
        var model: [UInt64: (entry: Int, mark: UInt8)] = [:]
        var live: [UInt64] = []
        var next: UInt64 = 1_000
        func expectSame(_ id: UInt64) {
            let found = table[id]
            #expect(found?.entry == model[id]?.entry && found?.mark == model[id]?.mark)
        }
        for step in 0..<200_000 {
            let choice = stream.nextIndex(below: 10)
            if choice < 5 || live.isEmpty {
                var id = next
                switch stream.nextIndex(below: 20) {
                case 0: id = UInt64(stream.nextIndex(below: 1_000))          // far behind
                case 1: id = next + UInt64(1 << 21) + UInt64(step)            // beyond the ring's span
                default: next += UInt64(1 + stream.nextIndex(below: 3))
                }
                guard model[id] == nil else { continue }
                let mark = UInt8(1 + step % 255)
                table.insert(step, mark: mark, for: id)
                model[id] = (step, mark)
                live.append(id)
            } else if choice < 8 {
                let index = stream.nextIndex(below: live.count)
                let id = live.remove(at: index)
                expectSame(id)
                #expect(table.remove(id) == model.removeValue(forKey: id)?.mark)
                #expect(table[id] == nil)
            } else {
                let id = live[stream.nextIndex(below: live.count)]
                #expect(table.update(id) { entry, mark in
                    entry += 1
                    mark = mark == 255 ? 1 : mark + 1
                })
                model[id]!.entry += 1
                model[id]!.mark = model[id]!.mark == 255 ? 1 : model[id]!.mark + 1
            }
            if step % 50_000 == 0 {
                // Empty it: the ring restarts wherever the next id lands.
                for id in live { #expect(table.remove(id) == model.removeValue(forKey: id)?.mark) }
                live.removeAll()
                next = UInt64(stream.nextIndex(below: 500))
            }
        }
        #expect(table.count == model.count)
        for id in model.keys { expectSame(id) }
        #expect(table[UInt64.max] == nil)
        #expect(!table.update(UInt64.max) { _, _ in })
    }

    /// An at-most-once run finalizes each record right after it is written,
    /// so a handful of ids is live at a time, spread over a few hundred ids
    /// (arrival reorders them), and often none. The window follows them: the
    /// ring keeps its first size, nothing goes beside it, and every lookup
    /// matches the model. (Advancing the window at each removal scanned the
    /// gaps: 100 slots per record.)
    @Test func aFewLiveIdsSlideTheWindowWithoutGrowingIt() {
        let stream = RandomStream(seed: 4)
        var table = IDTable<Int>(vacant: -1)
        var model: [UInt64: UInt8] = [:]
        var pending: [UInt64] = []
        var next: UInt64 = 0, mostBeside = 0
        for step in 0..<100_000 {
            // Ids arrive up to 300 out of order.
            let id = next + UInt64(stream.nextIndex(below: 300))
            next += 1
            if model[id] == nil {
                table.insert(step, mark: 1, for: id)
                model[id] = 1
                pending.append(id)
            }
            // Up to four stay live; the oldest arrival is finalized first.
            while pending.count > stream.nextIndex(below: 5) {
                let done = pending.removeFirst()
                #expect(table.remove(done) == model.removeValue(forKey: done))
            }
            mostBeside = Swift.max(mostBeside, table.overflowCount)
        }
        #expect(table.count == model.count)
        for (id, mark) in model { #expect(table[id]?.mark == mark) }
        #expect(table.ringCapacity == 1 << 10)
        #expect(mostBeside == 0)
    }
}
