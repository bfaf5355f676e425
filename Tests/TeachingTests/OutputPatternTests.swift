import Testing
@testable import Teaching

@Suite struct OutputPatternTests {
    @Test func bracketWildcardMatchesAnyTextWithinALine() {
        #expect(OutputPattern.lineMatches(expected: "took [..] ms", actual: "took 12.5 ms"))
        #expect(OutputPattern.lineMatches(expected: "[..]", actual: ""))
        #expect(OutputPattern.lineMatches(expected: "a[..]b[..]c", actual: "a-b-b-c"))
        #expect(!OutputPattern.lineMatches(expected: "took [..] ms", actual: "took 12.5 s"))
        #expect(!OutputPattern.lineMatches(expected: "ab[..]ba", actual: "aba"))
    }

    @Test func ellipsisLineMatchesAnyRunOfLinesIncludingNone() {
        #expect(OutputPattern.matches(expected: ["a", "...", "z"], actual: ["a", "z"]))
        #expect(OutputPattern.matches(expected: ["a", "...", "z"], actual: ["a", "b", "c", "z"]))
        #expect(!OutputPattern.matches(expected: ["a", "...", "z"], actual: ["a", "b"]))
        #expect(OutputPattern.matches(expected: ["..."], actual: []))
    }

    @Test func diffShowsRemovedAndAddedLinesWithContext() {
        let alignment = LineAlignment(expected: ["one", "two", "three"], actual: ["one", "2", "three"])
        #expect(alignment.editCount == 2)
        #expect(alignment.unifiedDiff() == ["--- expected", "+++ actual", "@@ -1 +1 @@", " one", "-two", "+2", " three"])
    }
}
