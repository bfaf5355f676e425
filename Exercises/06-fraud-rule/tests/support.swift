// Exercise 06 checks.
func pay(_ id: Int, _ account: String, cents: Int, second: Int64) -> ShopEvent {
    ShopEvent(id: id, key: account, value: cents, eventTimeMicros: Clock.at(23, 0, second))
}

func expectedFlags(_ payments: [ShopEvent]) -> [Int] {
    var armed: [String: Int64] = [:]
    var flagged: [Int] = []
    for p in payments {
        let at = armed.removeValue(forKey: p.key)
        if p.value < 100 { armed[p.key] = p.eventTimeMicros; continue }
        if p.value > 50_000, let at, p.eventTimeMicros - at <= Clock.minuteMicros { flagged.append(p.id) }
    }
    return flagged
}

func checkFraud(_ payments: [ShopEvent]) -> String? {
    var rule = FraudRule()
    let actual = payments.filter { rule.process($0) }.map(\.id)
    let expected = expectedFlags(payments)
    if actual == expected { return nil }
    let shown = "flagged payments \(actual), expected \(expected)"
    for id in actual where !expected.contains(id) {
        let p = payments.first { $0.id == id }!
        if let small = payments.last(where: { $0.key == p.key && $0.value < 100 && $0.eventTimeMicros <= p.eventTimeMicros }),
           p.eventTimeMicros - small.eventTimeMicros > Clock.minuteMicros {
            return "no time limit: payment #\(id) came \(Clock.duration(p.eventTimeMicros - small.eventTimeMicros)) after the small one; the rule needs at most one minute of event time; \(shown)"
        }
        if !payments.contains(where: { $0.key == p.key && $0.value < 100 && $0.eventTimeMicros <= p.eventTimeMicros }) &&
            payments.contains(where: { $0.key != p.key && $0.value <= 100 }) {
            return "state shared across accounts: account \(p.key) was flagged because ANOTHER account paid a small amount; keep the state per key; \(shown)"
        }
        if payments.contains(where: { $0.key == p.key && $0.value == 100 }) {
            return "`<=` instead of `<`: $1.00 is not less than $1.00; \(shown)"
        }
        if let small = payments.last(where: { $0.key == p.key && $0.value < 100 && $0.eventTimeMicros < p.eventTimeMicros }),
           payments.contains(where: { $0.key == p.key && $0.value >= 100 && $0.eventTimeMicros > small.eventTimeMicros && $0.eventTimeMicros < p.eventTimeMicros }),
           keepsSmallAcrossOtherPayments() {
            return "a payment between the small one and the large one must disarm the rule: clear the state on every payment that is not small (Flink's fraud walkthrough); \(shown)"
        }
    }
    let input = payments.map { "#\($0.id) \($0.key) \($0.value) cents at \(Clock.text($0.eventTimeMicros))" + ($0.arrivalTimeMicros != $0.eventTimeMicros ? " (arrived \(Clock.text($0.arrivalTimeMicros)))" : "") }
    for id in expected where !actual.contains(id) {
        let p = payments.first { $0.id == id }!
        let smalls = payments.filter { $0.key == p.key && $0.value < 100 && $0.eventTimeMicros < p.eventTimeMicros }
        if smalls.count > 1, let first = smalls.first, p.eventTimeMicros - first.eventTimeMicros > Clock.minuteMicros, remembersFirstSmallOnly() {
            return "you kept the FIRST small payment: a later small payment re-arms the rule from its own time; \(shown)"
        }
    }
    return "wrong flags: payments [\(input.joined(separator: ", "))]: \(shown)"
}

/// Probe: small, then a $20 payment, then large 20 s after the small one:
/// a rule that is still armed flags it.
func keepsSmallAcrossOtherPayments() -> Bool {
    var rule = FraudRule()
    _ = rule.process(pay(1, "probe", cents: 50, second: 0))
    _ = rule.process(pay(2, "probe", cents: 2_000, second: 10))
    return rule.process(pay(3, "probe", cents: 90_000, second: 20))
}

/// Probe: small at 0 s and at 50 s, large at 100 s: a rule that remembers
/// the first small payment sees 100 s and does not flag.
func remembersFirstSmallOnly() -> Bool {
    var rule = FraudRule()
    _ = rule.process(pay(1, "probe", cents: 50, second: 0))
    _ = rule.process(pay(2, "probe", cents: 60, second: 50))
    return !rule.process(pay(3, "probe", cents: 90_000, second: 100))
}
