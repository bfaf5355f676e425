/// The lab's one duration grammar, for flags, crash plans, recovery delays
/// and scenario files alike: a non-negative decimal number and a unit, `us`
/// (or `µs`), `ms`, `s`, `m`, `h` or `d`: `250ms`, `1.5s`, `90m`, `2d`.
/// Fractions are rounded to the nearest microsecond, halves away from zero.
public enum DurationText {
    public struct ParseError: Error { public var reason: String }

    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let units: [(suffix: String, micros: Double)] = [
            ("us", 1), ("µs", 1), ("ms", 1_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = String(text.dropLast(unit.suffix.count))
            guard let value = Double(number), value.isFinite, !number.hasPrefix("+") else { break }
            guard value >= 0 else { throw ParseError(reason: "must not be negative, got \(text)") }
            let micros = (value * unit.micros).rounded(.toNearestOrAwayFromZero)
            guard micros < 4.6e18 else { throw ParseError(reason: "is too long: \(text)") }
            return Duration(micros: Int64(micros))
        }
        throw ParseError(reason: "must be a duration such as 250ms, 30s, 90m or 1h, got '\(text)'")
    }

    /// The shortest exact text for a duration (`90m`, `1500ms`), for printing
    /// effective options.
    public static func format(_ duration: Duration) -> String {
        let micros = duration.micros
        let units: [(String, Int64)] = [("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000), ("ms", 1_000)]
        for (suffix, size) in units where micros != 0 && micros % size == 0 { return "\(micros / size)\(suffix)" }
        return "\(micros)us"
    }
}
