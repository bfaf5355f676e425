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
    }
    let input = payments.map { "#\($0.id) \($0.key) \($0.value) cents at \(Clock.text($0.eventTimeMicros))" + ($0.arrivalTimeMicros != $0.eventTimeMicros ? " (arrived \(Clock.text($0.arrivalTimeMicros)))" : "") }
    return "wrong flags: payments [\(input.joined(separator: ", "))]: \(shown)"
}
