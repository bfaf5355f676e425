import Testing
@testable import Harness

/// The checker's one-byte copy counts for events it does not hold: exact
/// past what a byte holds, and empty again once every id is removed.
@Suite struct CopyCountsTests {
    @Test func countsEveryCopyExactlyAndTheLastCopysVerdict() {
        var counts = CopyCounts()
        for copy in 1...300 { #expect(counts.add(5, wrong: copy == 300) == UInt32(copy)) }
        #expect(counts.add(4_096 * 3 + 1, wrong: false) == 1)
        #expect(counts.add(4_096 * 3 + 1, wrong: true) == 2)
        #expect(counts.add(4_096 * 3 + 1, wrong: false) == 2 + 1)
        #expect(counts.count == 2)
        #expect(counts.remove(7) == (0, false))
        let many = counts.remove(5)
        #expect(many.copies == 300 && many.lastWrong)
        let few = counts.remove(4_096 * 3 + 1)
        #expect(few.copies == 3 && !few.lastWrong)
        #expect(counts.count == 0)
        #expect(counts.remove(5) == (0, false))
        // A count that crossed the byte's limit starts from zero when added again.
        #expect(counts.add(5, wrong: false) == 1)
    }
}
