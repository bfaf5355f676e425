import SimKernel

extension DisorderSummary {
    /// The summary `generate` prints: fixed decimals, no locale, keys and
    /// kinds sorted deterministically, so the same seed prints the same text.
    public func text(scenario: Scenario, topKeyCount: Int = 5) -> String {
        var lines: [String] = []
        lines.append("events: \(count) (\(duplicateCount) duplicates from retries)")
        let kinds = scenario.eventKinds.indices.map { "\(scenario.eventKinds[$0]) \(count(ofKind: UInt16($0)))" }
        lines.append("kinds: " + kinds.joined(separator: ", "))
        if count > 0 {
            lines.append("arrivals: \(ClockText.format(firstArrival)) to \(ClockText.format(lastArrival))")
        }
        lines.append("out of order: \(Fixed.format(outOfOrderFraction, digits: 4)) (\(outOfOrderCount) events arrived after an event with a later event time)")
        let p50 = Fixed.format(Double(lateness.quantile(0.5)) / 1_000, digits: 3)
        let p99 = Fixed.format(Double(lateness.quantile(0.99)) / 1_000, digits: 3)
        let maximum = Fixed.format(count == 0 ? 0 : Double(lateness.maximum) / 1_000, digits: 3)
        lines.append("lateness (arrival - event time) ms: p50 \(p50)  p99 \(p99)  max \(maximum)")
        if lateness.negativeCount > 0 {
            lines.append("  \(lateness.negativeCount) events arrived before their (skewed) event time")
        }
        lines.append("burstiness: index of dispersion \(Fixed.format(indexOfDispersion, digits: 3)) over \(completeSeconds) complete one-second arrival bins")
        let top = topKeys(topKeyCount).map { entry in
            let share = count == 0 ? 0 : 100 * Double(entry.count) / Double(count)
            return "\(scenario.keyName(entry.key)) \(entry.count) (\(Fixed.format(share, digits: 2))%)"
        }
        lines.append("top keys: " + (top.isEmpty ? "(none)" : top.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Fixed-point decimal text without Foundation's locale-dependent formatting.
public enum Fixed {
    public static func format(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        let fraction = units % UInt64(scale)
        let sign = value < 0 && units > 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}

/// Simulated instants as a day clock, `d1 00:12:03.250` (day 0 omitted).
public enum ClockText {
    public static func format(_ instant: Instant) -> String {
        let millis = instant.micros >= 0 ? instant.micros / 1_000 : (instant.micros - 999) / 1_000
        let day = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let inDay = millis - day * 86_400_000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = inDay % 1_000
        let fractionText = fraction < 10 ? "00\(fraction)" : (fraction < 100 ? "0\(fraction)" : "\(fraction)")
        let clock = "\(two(inDay / 3_600_000)):\(two(inDay / 60_000 % 60)):\(two(inDay / 1_000 % 60)).\(fractionText)"
        return day == 0 ? clock : "d\(day) \(clock)"
    }
}
