import SimKernel
import Workloads

/// The automaton one key runs over its events, in the order the pattern
/// operator feeds them (event time, ties in arrival order).
///
/// Flink compiles a pattern into an NFA (`NFACompiler`) whose states carry
/// TAKE, IGNORE and PROCEED edges, and keeps a set of computation states
/// (partial matches) per key (`NFA.doProcess`, `NFA.computeNextStates`).
/// For the stages the lab supports every edge is deterministic, so a partial
/// match is just "the next slot to fill, the events so far, and the start
/// time", and each event does one of three things to it:
///
/// - TAKE: the event meets the next slot's condition; the slot is filled
///   (and when it was the last slot, the match is complete and emitted);
/// - IGNORE: the slot's contiguity is relaxed (SKIP_TILL_NEXT) and the event
///   does *not* meet the condition: the event is skipped. SKIP_TILL_NEXT's
///   ignore condition is the negated take condition
///   (`NFACompiler.getIgnoreCondition` → `RichNotCondition`), so a matching
///   event is always taken, never skipped;
/// - otherwise (strict contiguity, no match) the partial match has no edge
///   left and is dropped.
///
/// The start state is never consumed: every event that meets the first
/// slot's condition starts a new partial match (`computeNextStates` re-adds
/// the start state), and nothing is pruned after a match, which is Flink's
/// default after-match skip strategy, `AfterMatchSkipStrategy.noSkip()`.
/// Overlapping matches are therefore all emitted.
public struct PatternNFA: Sendable {
    struct PartialMatch: Sendable {
        var nextSlot: Int
        var startTime: Instant
        var events: [Event]
    }

    let slots: [EventPattern.Slot]
    let conditions: [ResolvedCondition]
    let window: Duration?
    /// `cep-within-gt` swaps in a wrong timeout rule (the suite-can-fail test).
    let mutation: RuleMutation?
    private(set) var partialMatches: [PartialMatch] = []

    /// `conditions` holds one resolved condition per stage.
    public init(pattern: EventPattern, conditions: [ResolvedCondition], mutation: RuleMutation? = nil) {
        precondition(conditions.count == pattern.stages.count, "one condition per stage")
        slots = pattern.slots
        self.conditions = slots.map { conditions[$0.stageIndex] }
        window = pattern.window
        self.mutation = mutation
    }

    public var partialMatchCount: Int { partialMatches.count }

    /// Drops the partial matches that can no longer complete within the
    /// window. Flink 2.3 `NFA.advanceTime` removes a computation state when
    /// `isStateTimedOut`: `!isStartState(state) && windowTime > 0 &&
    /// timestamp - startTimestamp >= windowTime` (NFA.java; the same test is
    /// in the 2.3.0 jar's bytecode). `CepOperator.onEventTime` calls it with
    /// each buffered timestamp *before* processing the events at that
    /// timestamp, so an event exactly `window` after the first event of a
    /// partial match cannot extend it: a match spans less than `window`.
    public mutating func advanceTime(to time: Instant) {
        guard let window else { return }
        let effectiveWindow = mutation == .cepWithinGreaterThan ? window + Duration(micros: 1) : window
        partialMatches.removeAll { Self.elapsed(from: $0.startTime, to: time, reaches: effectiveWindow) }
    }

    /// `to − from >= window`, without overflow at the +∞ watermark.
    static func elapsed(from start: Instant, to time: Instant, reaches window: Duration) -> Bool {
        let (difference, overflow) = time.micros.subtractingReportingOverflow(start.micros)
        if overflow { return time > start }
        return difference >= window.micros
    }

    /// Feeds one event; returns the matches it completed, oldest partial
    /// match first, each as its events in slot order.
    public mutating func process(_ event: Event) -> [[Event]] {
        var completed: [[Event]] = []
        var kept: [PartialMatch] = []
        kept.reserveCapacity(partialMatches.count + 1)
        for var partial in partialMatches {
            let slot = partial.nextSlot
            if conditions[slot].matches(event) {
                partial.events.append(event)
                partial.nextSlot += 1
                if partial.nextSlot == slots.count { completed.append(partial.events) } else { kept.append(partial) }
            } else if slots[slot].contiguity == .relaxed {
                kept.append(partial)
            }
        }
        if conditions[0].matches(event) {
            if slots.count == 1 {
                completed.append([event])
            } else {
                kept.append(PartialMatch(nextSlot: 1, startTime: event.eventTime, events: [event]))
            }
        }
        partialMatches = kept
        return completed
    }
}
