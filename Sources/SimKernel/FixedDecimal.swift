/// Fixed-point number text without Foundation or locale: rounds half away
/// from zero to `places` decimals and never uses an exponent. One formatter
/// for every byte-stable output (sweep CSV, SVG charts, JSON numbers), so the
/// same value prints the same on every platform and in debug and release.
public enum FixedDecimal {
    public static func format(_ value: Double, places: Int) -> String {
        precondition(places >= 0 && places <= 9, "places out of range")
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let units = Int64(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        let whole = String(units / scale)
        guard places > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
