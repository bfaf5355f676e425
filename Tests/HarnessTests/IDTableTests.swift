import SimKernel
import Testing
@testable import Harness

/// The checker's id table against a plain dictionary, under the id orders a
/// log produces: mostly increasing, some far behind (late backlogs), some
/// far ahead, and the table emptying and refilling lower than before.
@Suite struct IDTableTests {
    @Test func behavesLikeADictionary() {
        let stream = RandomStream(seed: 9)
        var table = IDTable<Int>()
        var model: [UInt64: Int] = [:]
        var live: [UInt64] = []
        var next: UInt64 = 1_000
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
                table.insert(step, for: id)
                model[id] = step
                live.append(id)
            } else if choice < 8 {
                let index = stream.nextIndex(below: live.count)
                let id = live.remove(at: index)
                #expect(table.remove(id) == model.removeValue(forKey: id))
            } else {
                let id = live[stream.nextIndex(below: live.count)]
                #expect(table.update(id) { $0 += 1 })
                model[id]! += 1
            }
            if step % 50_000 == 0 {
                // Empty it: the ring restarts wherever the next id lands.
                for id in live { #expect(table.remove(id) == model.removeValue(forKey: id)) }
                live.removeAll()
                next = UInt64(stream.nextIndex(below: 500))
            }
        }
        #expect(table.count == model.count)
        for (id, value) in model { #expect(table[id] == value) }
        #expect(table[UInt64.max] == nil)
    }
}
