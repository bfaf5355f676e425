import Testing
@testable import SimKernel

/// `BinaryMinHeap` pops in the order of its elements' `precedes`, with
/// pushes and pops interleaved, duplicates of the primary field included.
@Suite struct BinaryMinHeapTests {
    struct Item: HeapOrdered, Equatable {
        var time: Int
        var sequence: Int
        func precedes(_ other: Item) -> Bool { (time, sequence) < (other.time, other.sequence) }
    }

    @Test func popsInOrderWithPushesAndPopsInterleaved() {
        let random = RandomStream(seed: 17)
        func draw(_ bound: Int) -> Int { random.nextIndex(below: bound) }
        var heap = BinaryMinHeap<Item>()
        var model: [Item] = []
        for sequence in 0..<5_000 {
            let item = Item(time: draw(200), sequence: sequence)  // many equal times
            heap.insert(item)
            model.append(item)
            if draw(3) == 0 {
                model.sort { $0.precedes($1) }
                #expect(heap.min == model.first)
                #expect(heap.removeMin() == model.removeFirst())
            }
            #expect(heap.count == model.count)
        }
        model.sort { $0.precedes($1) }
        var popped: [Item] = []
        while !heap.isEmpty { popped.append(heap.removeMin()) }
        #expect(popped == model)
        #expect(heap.min == nil)
    }
}
