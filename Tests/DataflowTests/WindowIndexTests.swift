import Testing
import SimKernel
@testable import Dataflow

@Suite struct WindowIndexTests {
    @Test func randomInsertsAndRemovesMatchADictionary() {
        // A deterministic xorshift drives the operations; the model is a plain Dictionary.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var index = WindowIndex(capacity: 4)
        var model: [Int64: Int32] = [:]
        for step in 0..<20_000 {
            let key = Int32(next(8))
            let start = Int64(next(64)) * 1_000
            let id = Int64(key) << 32 | start
            if next(3) == 0 {
                index.remove(key: key, start: start)
                model[id] = nil
            } else if model[id] == nil {
                index.insert(key: key, start: start, slot: Int32(step))
                model[id] = Int32(step)
            }
            #expect(index.find(key: key, start: start) == (model[id] ?? -1))
        }
        #expect(index.count == model.count)
        for (id, slot) in model {
            #expect(index.find(key: Int32(id >> 32), start: id & 0xFFFF_FFFF) == slot)
        }
    }
}
