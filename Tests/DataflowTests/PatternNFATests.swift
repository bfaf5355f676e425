import Testing
import SimKernel
import Workloads
@testable import Dataflow

/// The NFA rules of Flink CEP, one per test: contiguity, times(N), within.
@Suite struct PatternNFATests {
    static let small = EventCondition(valueBelow: 5)
    static let large = EventCondition(valueAbove: 10)

    static func event(_ id: UInt64, atMillis millis: Int64, value: Double, key: Int32 = 0) -> Event {
        Event(id: id, key: key, value: value, eventTime: .millis(millis), arrivalTime: Instant(micros: Int64(id)))
    }

    static func conditions(_ pattern: EventPattern) -> [ResolvedCondition] {
        pattern.stages.map { $0.condition.resolved(kindIndex: { _ in nil }, keyIndex: { _ in nil }) }
    }

    static func smallThenLarge(_ contiguity: EventPattern.Contiguity, window: Duration? = nil) -> EventPattern {
        EventPattern(stages: [.init(name: "small", condition: small), .init(name: "large", condition: large, contiguity: contiguity)],
                     window: window)
    }

    /// Feeds (millis, value) pairs in order; returns the ids of each match.
    static func matches(_ pattern: EventPattern, _ events: [(Int64, Double)]) -> [[UInt64]] {
        var automaton = PatternNFA(pattern: pattern, conditions: conditions(pattern))
        var result: [[UInt64]] = []
        for (index, (millis, value)) in events.enumerated() {
            let event = event(UInt64(index), atMillis: millis, value: value)
            automaton.advanceTime(to: event.eventTime)
            result += automaton.process(event).map { $0.map(\.id) }
        }
        return result
    }

    @Test func nextNeedsTheVeryNextEvent() {
        let events: [(Int64, Double)] = [(1_000, 1), (2_000, 7), (3_000, 20), (4_000, 2), (5_000, 30)]
        #expect(Self.matches(Self.smallThenLarge(.strict), events) == [[3, 4]])
    }

    @Test func followedBySkipsEventsThatDoNotMatch() {
        let events: [(Int64, Double)] = [(1_000, 1), (2_000, 7), (3_000, 20), (4_000, 2), (5_000, 30)]
        #expect(Self.matches(Self.smallThenLarge(.relaxed), events) == [[0, 2], [3, 4]])
    }

    @Test func followedByTakesOnlyTheFirstMatchingEvent() {
        #expect(Self.matches(Self.smallThenLarge(.relaxed), [(1_000, 1), (2_000, 20), (3_000, 30)]) == [[0, 1]])
    }

    @Test func overlappingMatchesAreAllEmittedWithNoSkip() {
        #expect(Self.matches(Self.smallThenLarge(.relaxed), [(1_000, 1), (2_000, 2), (3_000, 20)]) == [[0, 2], [1, 2]])
    }

    @Test func timesThreeIsRelaxedBetweenItsEvents() {
        let pattern = EventPattern(stages: [.init(name: "low", condition: Self.small, times: 3)])
        let events: [(Int64, Double)] = [(1_000, 1), (2_000, 9), (3_000, 2), (4_000, 3), (5_000, 4)]
        #expect(Self.matches(pattern, events) == [[0, 2, 3], [2, 3, 4]])
        #expect(pattern.slots.map(\.stageIndex) == [0, 0, 0])
    }

    @Test func consecutiveMakesTimesStrict() {
        let pattern = EventPattern(stages: [.init(name: "low", condition: Self.small, times: 3, consecutive: true)])
        let events: [(Int64, Double)] = [(1_000, 1), (2_000, 9), (3_000, 2), (4_000, 3), (5_000, 4)]
        #expect(Self.matches(pattern, events) == [[2, 3, 4]])
    }

    @Test func withinTimesOutAPartialMatchAtExactlyTheWindow() {
        let pattern = Self.smallThenLarge(.relaxed, window: .millis(1_000))
        #expect(Self.matches(pattern, [(1_000, 1), (2_000, 20)]).isEmpty, "exactly T apart: ts − start >= T times out")
        #expect(Self.matches(pattern, [(1_000, 1), (1_999, 20)]) == [[0, 1]], "T − 1 ms apart matches")
        #expect(Self.matches(pattern, [(1_000, 1), (2_001, 20)]).isEmpty, "T + 1 ms apart times out")
    }

    @Test func withinIsMeasuredFromTheFirstEventOfTheMatch() {
        let pattern = EventPattern(stages: [.init(name: "low", condition: Self.small, times: 3)], window: .millis(2_000))
        // 0, 1500, 2500: the third is 2500 after the first (timed out) though only 1000 after the second.
        #expect(Self.matches(pattern, [(0, 1), (1_500, 1), (2_500, 1)]).isEmpty)
        #expect(Self.matches(pattern, [(0, 1), (1_500, 1), (1_999, 1)]) == [[0, 1, 2]])
    }

    @Test func theTimeoutCannotOverflowAtTheFinalWatermark() {
        #expect(PatternNFA.elapsed(from: .millis(-5), to: .max, reaches: .millis(1)))
        #expect(!PatternNFA.elapsed(from: .millis(5), to: .millis(5), reaches: .millis(1)))
    }

    @Test func conditionsOnKindAndKeyUseTheDataNames() {
        let condition = EventCondition(kind: "failure", key: "card-1", valueAtLeast: 2, valueAtMost: 3)
        let resolved = condition.resolved(kindIndex: { $0 == "failure" ? 4 : nil }, keyIndex: { $0 == "card-1" ? 7 : nil })
        let base = Event(id: 0, key: 7, kind: 4, value: 2, eventTime: .zero, arrivalTime: .zero)
        #expect(resolved.matches(base))
        var other = base
        other.kind = 3
        #expect(!resolved.matches(other))
        other = base
        other.value = 3.5
        #expect(!resolved.matches(other))
        let unknown = EventCondition(kind: "refund").resolved(kindIndex: { _ in nil }, keyIndex: { _ in nil })
        #expect(!unknown.matches(base), "a kind the data never uses matches nothing")
        #expect(condition.summary == #"kind == "failure" && key == "card-1" && value >= 2 && value <= 3"#)
    }
}
