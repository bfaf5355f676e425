import Testing
@testable import Dataflow

@Suite struct KeyOrderTests {
    /// A deterministic xorshift, so the cases are the same on every run.
    struct Draws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    @Test(arguments: [0, 1, 2, 17, 1_000, 70_000])
    func radixSortByKeyEqualsAStableComparisonSortIncludingNegativeKeys(count: Int) {
        var draws = Draws()
        let keys: [Int32] = (0..<count).map { _ in
            switch draws.next(3) {
            case 0: Int32(draws.next(50)) - 25
            case 1: Int32(truncatingIfNeeded: draws.next(Int(UInt32.max)))
            default: Int32(draws.next(1_000_000))
            }
        }
        var packed = keys.enumerated().map { KeyOrder.pack(key: $1, index: $0) }
        var scratch: [UInt64] = []
        KeyOrder.sortByKey(&packed, scratch: &scratch)
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        #expect(packed.map(KeyOrder.index) == expected)
    }

    @Test func runsOfEqualKeysAreOrderedByTheCallersRule() {
        let keys: [Int32] = [3, 1, 3, 1, 3, 2] + Array(repeating: 7, count: 40)
        let starts: [Int64] = [30, 20, 10, 5, 20, 0] + (0..<40).map { Int64(40 - $0) }
        var packed = keys.enumerated().map { KeyOrder.pack(key: $1, index: $0) }
        var scratch: [UInt64] = []
        KeyOrder.sortByKey(&packed, scratch: &scratch)
        KeyOrder.sortRunsOfEqualKeys(&packed) { starts[$0] < starts[$1] }
        let expected = keys.indices.sorted { (keys[$0], starts[$0]) < (keys[$1], starts[$1]) }
        #expect(packed.map(KeyOrder.index) == expected)
    }

    @Test func paneKeyIndexMatchesADictionaryAcrossGrowthAndEmptying() {
        var draws = Draws()
        var index = PaneKeyIndex(capacity: 2)
        for round in 0..<3 {
            var model: [Int32: Int32] = [:]
            for step in 0..<5_000 {
                let key = Int32(draws.next(20_000)) - 10_000
                let found = index.lookup(key)
                if let slot = model[key] {
                    #expect(found == Int(slot), "round \(round)")
                } else {
                    // A miss names an empty bucket; half the new keys go
                    // there, half through the probing insert, and a
                    // placement that triggers growth re-probes.
                    #expect(found < 0, "round \(round)")
                    if step % 2 == 0 {
                        index.insert(key, slot: Int32(step), at: -1 - found)
                    } else {
                        index.insert(key, slot: Int32(step))
                    }
                    model[key] = Int32(step)
                }
                #expect(index.lookup(key) == Int(model[key]!), "round \(round)")
            }
            #expect(index.count == model.count)
            for (key, slot) in model { #expect(index.lookup(key) == Int(slot)) }
            #expect(index.lookup(20_001) < 0)
            index.removeAll()
            #expect(index.count == 0)
            for key in model.keys { #expect(index.lookup(key) < 0) }
        }
    }
}
