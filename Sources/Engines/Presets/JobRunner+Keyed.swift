import Dataflow
import SimKernel
import Workloads

/// The three keyed-process-function jobs of lesson 05, each with its oracle.
extension JobRunner {
    // MARK: session timeout

    /// Sessions per key with `SessionTimeoutFunction`; the gap is the
    /// scenario's `session_gap_s`, else 30 minutes (the lesson's rule).
    /// Latency runs from the moment the user became inactive (last event +
    /// gap, the earliest a correct job can know) to the session's emission.
    static func sessionTimeout(_ setup: Setup) -> (JobResult, Observed<SessionTimeoutFunction.SessionEnd>) {
        let gap = Duration.seconds(Int64(setup.options.sessionGapSeconds ?? setup.scenario.parameter("session_gap_s").map(Int.init) ?? 1_800))
        let op = setup.keyed(SessionTimeoutFunction(inactivityGap: gap))
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.keyCount }, tag: { output, _ in output })
        let sessions = observed.run.outputs
        let oracle = oracleSessions(setup.events, gap: gap)
        let difference = multisetDifference(engine: sessions.map { identity($0.output) }, oracle: oracle)
        let clicks = sessions.reduce(0) { $0 + $1.output.eventCount }
        let longest = sessions.map(\.output.eventCount).max() ?? 0
        let openAtEnd = oracle.count - (sessions.count - difference.extra)
        let closedByEndOfInput = sessions.filter { $0.processingTime < $0.output.timeoutTime }.count
        let result = JobResult(
            summary: "session-timeout: a session per key ends after \(gap.micros / 1_000_000) s without an event (SessionTimeoutFunction), watermark delay 5 s",
            resultNoun: "sessions closed", resultCount: sessions.count,
            rows: sessions.map { emitted in
                let end = emitted.output
                return "\(setup.scenario.keyName(end.key)) [\(clockText(end.firstEventTime)), \(clockText(end.timeoutTime))) "
                    + "count=\(end.eventCount), closed at \(clockText(emitted.processingTime))"
            },
            // A session the final +∞ watermark of bounded input closed before its timeout has no latency to speak of.
            latencyMicros: sessions.map { ($0.processingTime - $0.output.timeoutTime).micros }.filter { $0 >= 0 },
            latencyMeaning: "from last event + gap to the session's emission, sessions that timed out before the input ended",
            oracleCount: oracle.count, comparedNoun: "sessions", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(sessions.count) sessions closed, \(clicks) events in them (mean \(ratio(clicks, sessions.count)), longest \(longest));"
                    + " \(closedByEndOfInput) closed by the end-of-input watermark before their timeout; \(max(0, openAtEnd)) oracle sessions not closed by the job"
            ],
            stateNoun: "keys with an open session")
        var withDue = result
        withDue.due = dueSessions(emitted: sessions.map { identity($0.output) }, oracle: oracle, events: setup.events)
        return (withDue, observed)
    }

    /// The oracle sessions whose timeout the watermark of a stream that never
    /// ends passes (`max event time − 5 s`), and how many of them the job did not emit.
    static func dueSessions(emitted: [JobIdentity], oracle: [JobIdentity], events: [Event]) -> (expected: Int, missing: Int) {
        let lastWatermark = (events.map(\.eventTime).max() ?? .zero) - watermarkDelay
        let due = oracle.filter { $0.parts[2] < lastWatermark.micros }
        return (due.count, multisetDifference(engine: emitted, oracle: due).missing)
    }

    static func identity(_ end: SessionTimeoutFunction.SessionEnd) -> JobIdentity {
        sessionIdentity(key: end.key, first: end.firstEventTime, timeout: end.timeoutTime, count: end.eventCount)
    }

    static func sessionIdentity(key: Int32, first: Instant, timeout: Instant, count: Int) -> JobIdentity {
        JobIdentity([Int64(key), first.micros, timeout.micros, Int64(count)])
    }

    /// The exact sessions from the complete data: per key, events sorted by
    /// event time, split where the next event comes `gap` or more after the
    /// latest one (the function's rule: `time >= last + gap` starts anew).
    static func oracleSessions(_ events: [Event], gap: Duration) -> [JobIdentity] {
        var byKey: [Int32: [Instant]] = [:]
        for event in events { byKey[event.key, default: []].append(event.eventTime) }
        var sessions: [JobIdentity] = []
        for key in byKey.keys.sorted() {
            let times = byKey[key]!.sorted()
            var first = times[0]
            var count = 0
            for (index, time) in times.enumerated() {
                if index > 0 && time >= times[index - 1] + gap {
                    sessions.append(sessionIdentity(key: key, first: first, timeout: times[index - 1] + gap, count: count))
                    first = time
                    count = 0
                }
                count += 1
            }
            sessions.append(sessionIdentity(key: key, first: first, timeout: times.last! + gap, count: count))
        }
        return sessions
    }

    // MARK: fraud

    /// `FraudRuleFunction` with the scenario's `fraud_min_places` and
    /// `fraud_window_s` (else 3 places in 10 minutes). The business figure
    /// follows `BusinessMetrics`: a decision is in time when it is out before
    /// the payment clears, `clearingSeconds(of:)` after it happened (30 s,
    /// the course's figure for TheWorldShop, unless the scenario says
    /// otherwise); the planted cards (`Scenario.plantedKeys`) are the fraud
    /// the generator put in.
    static func fraud(_ setup: Setup) throws(InputError) -> (JobResult, Observed<FraudRuleFunction.Alert>) {
        let places = Int(setup.scenario.parameter("fraud_min_places") ?? 3)
        let span = Duration.seconds(Int64(setup.scenario.parameter("fraud_window_s") ?? 600))
        let function = FraudRuleFunction(transactionCount: places, span: span)
        let op = setup.keyed(function)
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.keyCount }, tag: { output, _ in output })
        let alerts = observed.run.outputs
        let clearingSeconds: Int
        if let given = setup.options.clearingSeconds { clearingSeconds = given } else { clearingSeconds = try Self.clearingSeconds(of: setup.scenario) }
        let clearing = Duration.seconds(Int64(clearingSeconds))
        let planted = Set(setup.scenario.plantedKeys(seed: setup.seed))
        let alertedCards = Array(Set(alerts.map { $0.output.key })).sorted()
        let oracleCards = oracleFraudCards(setup.events, places: places, span: span)
        let difference = multisetDifference(engine: alertedCards, oracle: oracleCards)
        var firstAlert: [Int32: Emitted<FraudRuleFunction.Alert>] = [:]
        for alert in alerts where firstAlert[alert.output.key] == nil { firstAlert[alert.output.key] = alert }
        // Planted cards whose burst falls inside the generated events (a short run may stop before some).
        let plantedInStream = planted.intersection(oracleCards)
        let caught = plantedInStream.filter { firstAlert[$0] != nil }.count
        let inTime = plantedInStream.filter { key in
            guard let alert = firstAlert[key] else { return false }
            return alert.processingTime <= alert.output.triggeringEventTime + clearing
        }.count
        let unplanted = alertedCards.filter { !planted.contains($0) }.count
        let result = JobResult(
            summary: "fraud: \(places) transactions from \(places) places within \(span.micros / 1_000_000) s per card (FraudRuleFunction), watermark delay 5 s",
            resultNoun: "alerts", resultCount: alerts.count,
            rows: alerts.map { emitted in
                let alert = emitted.output
                return "\(setup.scenario.keyName(alert.key)) places \(alert.places.map(String.init).joined(separator: ",")) "
                    + "from \(clockText(alert.intervalStart)), completed at \(clockText(alert.triggeringEventTime)), alerted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: alerts.map { ($0.processingTime - $0.output.triggeringEventTime).micros },
            latencyMeaning: "from the transaction that completed the pattern to the alert",
            oracleCount: oracleCards.count, comparedNoun: "flagged cards", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(caught) of \(plantedInStream.count) planted fraud cards with a burst in these events caught (\(planted.count) planted in all), \(inTime) before the payment cleared (\(clearingSeconds) s after it happened);"
                    + " \(unplanted) cards flagged that were not planted"
            ],
            stateNoun: "cards with buffered transactions")
        return (result, observed)
    }

    /// The course's clearing time: a card payment clears 30 s after it
    /// happens, so a fraud decision must be out by then to stop it.
    public static let defaultClearingSeconds = 30

    /// The scenario's `payment_clearing_s`, else `defaultClearingSeconds`.
    /// The scenario parser checks only that parameters are numbers; this is
    /// the one place the field is read, so its range is checked here.
    public static func clearingSeconds(of scenario: Scenario) throws(InputError) -> Int {
        guard let value = scenario.parameter("payment_clearing_s") else { return defaultClearingSeconds }
        guard value == value.rounded(), (1...3_600).contains(value) else {
            throw InputError(
                file: scenario.file, field: "parameters.payment_clearing_s",
                reason: "must be a whole number of seconds from 1 to 3600, got \(value)")
        }
        return Int(value)
    }

    /// Cards that, in the complete data, hold `places` distinct places in
    /// some `[start, start + span)` starting at one of their transactions.
    static func oracleFraudCards(_ events: [Event], places: Int, span: Duration) -> [Int32] {
        var byKey: [Int32: [Event]] = [:]
        for event in events { byKey[event.key, default: []].append(event) }
        var cards: [Int32] = []
        for key in byKey.keys.sorted() {
            let sorted = byKey[key]!.sorted { $0.eventTime < $1.eventTime }
            var end = 0
            for (start, first) in sorted.enumerated() {
                end = max(end, start)
                while end < sorted.count && sorted[end].eventTime < first.eventTime + span { end += 1 }
                if Set(sorted[start..<end].map(\.attribute)).count >= places {
                    cards.append(key)
                    break
                }
            }
        }
        return cards
    }

    static func ratio(_ numerator: Int, _ denominator: Int) -> String {
        guard denominator > 0 else { return "0.0" }
        let tenths = (numerator * 10 + denominator / 2) / denominator
        return "\(tenths / 10).\(tenths % 10)"
    }
}
