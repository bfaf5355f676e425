import SimKernel

/// Which real system's rules decide when a window is late, fires and is
/// cleaned up. The window *contents* never depend on this; only timing does.
public enum WindowRules: Equatable, Sendable {
    /// Flink's `WindowOperator` with `EventTimeTrigger`.
    case flink(allowedLateness: Duration, lateData: LateDataPolicy)
    /// Spark's `StateStoreSaveExec` (and its session-window variant).
    case spark(outputMode: OutputMode)
}

/// A deliberately wrong rule, swapped in so the conformance suite can prove
/// it detects a wrong implementation (issue 5, "The suite can fail").
/// Never used outside that test.
public enum RuleMutation: String, CaseIterable, Sendable {
    /// Spark with `window.end < watermark` instead of `<=` for late rows and eviction.
    case sparkLateLessThan = "spark-late-lt"
    /// Spark filtering late rows with the current batch's watermark instead of the previous one.
    case sparkCurrentWatermark = "spark-current-watermark"
    /// Flink comparing with `<` instead of `<=` against the watermark: the
    /// trigger fires when `maxTimestamp < watermark`, and windows and
    /// elements are late when `cleanupTime < watermark` / `ts + lateness < watermark`.
    /// (Changing the trigger alone would only delay firings, which row
    /// comparisons cannot see.)
    case flinkTriggerLessThan = "flink-trigger-lt"
    /// Flink CEP timing a partial match out only when `ts − start > window`
    /// instead of `>=` (`NFA.isStateTimedOut`), so a match may span exactly the window.
    case cepWithinGreaterThan = "cep-within-gt"
    /// Flink CEP feeding each on-time event to the NFA as it arrives instead
    /// of buffering it until the watermark passes it (`CepOperator.onEventTime`),
    /// so out-of-order input is matched in arrival order.
    case cepArrivalOrder = "cep-arrival-order"
}

/// The comparisons themselves, in one place so each is cited once.
public struct LatenessRules: Sendable {
    public var mutation: RuleMutation?

    public init(mutation: RuleMutation? = nil) { self.mutation = mutation }

    /// Spark: a windowed row is late, and its state evictable, when
    /// `window.end <= watermark` (WatermarkSupport's `LessThanOrEqual`).
    @inlinable public func sparkIsExpired(windowEnd: Instant, watermark: Instant) -> Bool {
        mutation == .sparkLateLessThan ? windowEnd < watermark : windowEnd <= watermark
    }

    /// Flink: `EventTimeTrigger` fires when `window.maxTimestamp() <= currentWatermark`.
    @inlinable public func flinkShouldFire(_ window: TimeWindow, watermark: Instant) -> Bool {
        mutation == .flinkTriggerLessThan ? window.maxTimestamp < watermark : window.maxTimestamp <= watermark
    }

    /// Flink: `WindowOperator.cleanupTime` is `maxTimestamp + allowedLateness`,
    /// saturating at Long.MAX_VALUE.
    @inlinable public static func flinkCleanupTime(_ window: TimeWindow, allowedLateness: Duration) -> Instant {
        let (sum, overflow) = window.maxTimestamp.micros.addingReportingOverflow(allowedLateness.micros)
        return overflow ? .max : Instant(micros: sum)
    }

    /// Flink: `WindowOperator.isWindowLate` is `cleanupTime(window) <= currentWatermark`.
    @inlinable public func flinkIsWindowLate(_ window: TimeWindow, allowedLateness: Duration, watermark: Instant) -> Bool {
        flinkIsWindowLate(cleanupTime: Self.flinkCleanupTime(window, allowedLateness: allowedLateness), watermark: watermark)
    }

    /// The same, on a cleanup time computed once per window.
    @inlinable public func flinkIsWindowLate(cleanupTime: Instant, watermark: Instant) -> Bool {
        mutation == .flinkTriggerLessThan ? cleanupTime < watermark : cleanupTime <= watermark
    }

    /// Flink: `WindowOperator.isElementLate` is `ts + allowedLateness <= currentWatermark`.
    @inlinable public func flinkIsElementLate(_ timestamp: Instant, allowedLateness: Duration, watermark: Instant) -> Bool {
        let (sum, overflow) = timestamp.micros.addingReportingOverflow(allowedLateness.micros)
        if overflow { return false }
        return mutation == .flinkTriggerLessThan ? Instant(micros: sum) < watermark : Instant(micros: sum) <= watermark
    }
}
