@testable import Harness
import SimKernel
import Testing
import Workloads

/// The idempotent producer's filter keeps the first copy of each id, and
/// holds bits only for the span of ids still in disorder, not the stream.
@Suite struct LogFilterTests {
    @Test func keepsTheFirstCopyOfEachIdAndOnlyTheDisorderedSpan() {
        var filter = LogFilter(orderKind: nil, idempotentProducer: true)
        var reference = Set<UInt64>()
        let stream = RandomStream(root: 5, component: "log-filter-test")
        var largestKept = 0
        // Ids in near order (each up to 300 places late), a tenth retried
        // up to 1,000 places later, and a far-off id now and then.
        var pending: [(due: Int, id: UInt64)] = []
        for step in 0..<200_000 {
            pending.append((step + stream.nextIndex(below: 300), UInt64(step)))
            if stream.nextIndex(below: 10) == 0 { pending.append((step + stream.nextIndex(below: 1_000), UInt64(step))) }
            if step % 50_000 == 7 { pending.append((step, (1 << 40) + UInt64(step % 3))) }
            pending.sort { ($0.due, $0.id) < ($1.due, $1.id) }
            while let first = pending.first, first.due <= step {
                pending.removeFirst()
                let event = Event(id: first.id, key: 0, value: 1, eventTime: .zero, arrivalTime: .zero)
                #expect((filter.admit(event) != nil) == reference.insert(first.id).inserted, "id \(first.id)")
            }
            largestKept = max(largestKept, filter.keptWords)
        }
        #expect(largestKept < 64, "kept \(largestKept) words for 200,000 ids")
    }
}
