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

extension CopyCountsTests {
    /// Pages are freed when their last id goes and their places reused; the
    /// remembered pages of `add` and `remove` never point at a reused place.
    @Test func aFreedPagesPlaceIsReusedWithoutMixingCounts() {
        var counts = CopyCounts()
        let page = UInt64(1) << UInt64(CopyCounts.pageShift)
        // Three pages, ids in order (as a replay span settles them).
        for id in 0..<(3 * page) { _ = counts.add(id, wrong: id % 3 == 0) }
        #expect(counts.count == Int(3 * page))
        // The first page settles, then a fourth page opens in its place.
        for id in 0..<page { #expect(counts.remove(id) == (1, id % 3 == 0)) }
        #expect(counts.add(7 * page + 5, wrong: true) == 1)
        #expect(counts.add(7 * page + 5, wrong: false) == 2)
        // Removing from the pages around it sees their own counts only.
        #expect(counts.remove(page + 1) == (1, false))
        #expect(counts.remove(2) == (0, false), "a settled page's id is gone")
        #expect(counts.remove(7 * page + 5) == (2, false))
        #expect(counts.add(2 * page + 3, wrong: false) == 2, "ids of live pages keep counting")
        for id in page..<(3 * page) where id != page + 1 { _ = counts.remove(id) }
        #expect(counts.count == 0)
    }
}

extension CopyCountsTests {
    /// Every live id once, with its exact copies (past the byte's limit
    /// too) and its last verdict; empty after, and counting afresh.
    @Test func removingAllTellsEveryLiveIdOnce() {
        var counts = CopyCounts()
        let page = UInt64(1) << UInt64(CopyCounts.pageShift)
        var expected: [UInt64: (copies: UInt32, lastWrong: Bool)] = [:]
        for id in stride(from: UInt64(3), to: 5 * page, by: 7) {
            let copies = UInt32(1 + id % 3)
            for copy in 1...copies { _ = counts.add(id, wrong: copy == copies && id % 2 == 0) }
            expected[id] = (copies, id % 2 == 0)
        }
        for copy in 1...200 { _ = counts.add(9 * page, wrong: copy == 200) }
        expected[9 * page] = (200, true)
        for id in stride(from: UInt64(3), to: page, by: 7) { expected[id] = nil; _ = counts.remove(id) }
        var told: [(copies: UInt32, lastWrong: Bool)] = []
        counts.removeAll { copies, lastWrong in told.append((copies, lastWrong)) }
        let ids = expected.keys.sorted()
        #expect(told.count == ids.count)
        #expect(zip(told, ids).allSatisfy { $0.copies == expected[$1]!.copies && $0.lastWrong == expected[$1]!.lastWrong }, "in id order")
        #expect(counts.count == 0)
        #expect(counts.remove(9 * page) == (0, false))
        #expect(counts.add(9 * page, wrong: false) == 1)
    }
}

/// The byte both of the checker's copy counts use, at the edge of what it holds.
@Suite struct CopyByteTests {
    @Test func countsExactlyAcrossTheBytesLimit() {
        var many: [UInt64: UInt32] = [:]
        var byte = CopyByte.noCopies
        #expect(CopyByte.take(byte, id: 1, many: &many) == (0, false))
        #expect(CopyByte.take(0, id: 1, many: &many) == (0, false))
        for copy in 1...130 {
            let counted = CopyByte.adding(to: byte, wrong: copy % 2 == 0, id: 1, many: &many)
            #expect(counted.copies == UInt32(copy))
            #expect(many.isEmpty == (copy < 126), "copy \(copy)")
            byte = counted.byte
            if copy == 125 || copy == 126 {
                var peek = many
                #expect(CopyByte.take(byte, id: 1, many: &peek) == (UInt32(copy), copy % 2 == 0))
            }
        }
        #expect(CopyByte.take(byte, id: 1, many: &many) == (130, true))
        #expect(many.isEmpty)
    }
}
