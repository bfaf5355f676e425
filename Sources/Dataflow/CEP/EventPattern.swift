import SimKernel

/// A complex-event pattern in the shape of Flink CEP's `Pattern` API: a
/// sequence of stages, each a per-event condition that one event (or, with
/// `times`, N events) must meet, joined by a contiguity rule, and an
/// optional `within` window for the whole match.
///
/// Model (Flink 2.3, flink-libraries/flink-cep):
/// - `begin(name)` opens the sequence; `next(name)` asks for *strict*
///   contiguity (the matching event must be the very next event of the key,
///   in event-time order) and `followedBy(name)` for *relaxed* contiguity
///   (events that do not match are skipped; the first one that matches is
///   taken). `Pattern.java`: `next` uses `ConsumingStrategy.STRICT`,
///   `followedBy` `ConsumingStrategy.SKIP_TILL_NEXT`.
/// - `times(N)` is "N of A": the stage is unrolled into N copies
///   (`NFACompiler.createTimesState`); between the copies the contiguity is
///   relaxed unless `consecutive()` makes it strict
///   (`Quantifier.times` defaults its inner strategy to SKIP_TILL_NEXT).
/// - `within(T)`: a partial match is dropped once `timestamp − start >= T`,
///   so every event of a match lies less than T after the first one
///   (see `PatternNFA.advanceTime`).
/// - Only what the lab needs is modelled: no optional stages, no
///   `oneOrMore`, no `followedByAny`, no `notNext`, and the after-match skip
///   strategy is always Flink's default, `noSkip`.
public struct EventPattern: Equatable, Sendable {
    /// How a stage's events relate to the events before them.
    public enum Contiguity: String, Equatable, Sendable {
        /// Flink's `next` (ConsumingStrategy.STRICT).
        case strict = "next"
        /// Flink's `followedBy` (ConsumingStrategy.SKIP_TILL_NEXT).
        case relaxed = "followed_by"
    }

    public struct Stage: Equatable, Sendable {
        public var name: String
        public var condition: EventCondition
        /// "N of A": how many events this stage takes (Flink's `times(N)`).
        public var times: Int
        /// Contiguity to the stage before; ignored for the first stage
        /// (`begin`), whose events can start a match anywhere.
        public var contiguity: Contiguity
        /// Strict contiguity between the `times` copies (Flink's `consecutive()`).
        public var consecutive: Bool

        public init(name: String, condition: EventCondition = EventCondition(), times: Int = 1,
                    contiguity: Contiguity = .relaxed, consecutive: Bool = false) {
            precondition(times >= 1, "a stage takes at least one event")
            self.name = name
            self.condition = condition
            self.times = times
            self.contiguity = contiguity
            self.consecutive = consecutive
        }
    }

    public var stages: [Stage]
    /// Flink's `within`: nil for no window.
    public var window: Duration?

    public init(stages: [Stage], window: Duration? = nil) {
        precondition(!stages.isEmpty, "a pattern has at least one stage")
        precondition(window.map { $0 > .zero } ?? true, "a pattern window is positive")
        self.stages = stages
        self.window = window
    }

    /// One event position of the unrolled pattern: `times(N)` becomes N slots.
    public struct Slot: Equatable, Sendable {
        public var stageIndex: Int
        /// How this slot's event relates to the previous slot's event
        /// (meaningless for slot 0, which the start state fills).
        public var contiguity: Contiguity
    }

    /// The pattern unrolled into slots, as NFACompiler unrolls `times(N)`:
    /// the first copy of a stage carries the stage's own contiguity, the
    /// others the stage's inner contiguity.
    public var slots: [Slot] {
        var result: [Slot] = []
        for (index, stage) in stages.enumerated() {
            result.append(Slot(stageIndex: index, contiguity: stage.contiguity))
            let inner: Contiguity = stage.consecutive ? .strict : .relaxed
            for _ in 1..<stage.times { result.append(Slot(stageIndex: index, contiguity: inner)) }
        }
        return result
    }

    /// One line, Flink-API style: `begin("small").where(value < 1).followedBy("large")… within 60000 ms`.
    public var summary: String {
        var parts: [String] = []
        for (index, stage) in stages.enumerated() {
            let call = index == 0 ? "begin" : (stage.contiguity == .strict ? "next" : "followedBy")
            var text = "\(call)(\"\(stage.name)\")"
            if !stage.condition.isAlwaysTrue { text += ".where(\(stage.condition.summary))" }
            if stage.times > 1 { text += ".times(\(stage.times))" + (stage.consecutive ? ".consecutive()" : "") }
            parts.append(text)
        }
        var line = parts.joined(separator: ".")
        if let window { line += ".within(\(window.micros / 1_000) ms)" }
        return line
    }
}
