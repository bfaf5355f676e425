import CGSL

/// Simulated time. StreamLab counts time in whole microseconds so that every
/// comparison the engines make (`<` versus `<=` at a window boundary) is exact
/// and reproducible. Floating point appears only inside samplers, and every
/// sampled duration is converted to microseconds by `Duration.micros(rounding:)`.

/// A point on the simulated clock, in microseconds since the simulation epoch.
@frozen
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var micros: Int64

    @inlinable public init(micros: Int64) { self.micros = micros }

    public static let zero = Instant(micros: 0)
    /// The largest instant; used as the +∞ watermark at end of input.
    public static let max = Instant(micros: Int64.max)
    /// The smallest instant; used as the "no watermark yet" value.
    public static let min = Instant(micros: Int64.min)

    @inlinable public static func millis(_ value: Int64) -> Instant { Instant(micros: value * 1_000) }
    @inlinable public static func seconds(_ value: Int64) -> Instant { Instant(micros: value * 1_000_000) }

    @inlinable public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.micros < rhs.micros }

    @inlinable public static func + (lhs: Instant, rhs: Duration) -> Instant {
        Instant(micros: lhs.micros &+ rhs.micros)
    }
    @inlinable public static func - (lhs: Instant, rhs: Duration) -> Instant {
        Instant(micros: lhs.micros &- rhs.micros)
    }
    @inlinable public static func - (lhs: Instant, rhs: Instant) -> Duration {
        Duration(micros: lhs.micros &- rhs.micros)
    }

    public var description: String { "\(micros)µs" }
}

/// A span of simulated time in microseconds. May be negative (clock skew).
@frozen
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var micros: Int64

    @inlinable public init(micros: Int64) { self.micros = micros }

    public static let zero = Duration(micros: 0)

    @inlinable public static func millis(_ value: Int64) -> Duration { Duration(micros: value * 1_000) }
    @inlinable public static func seconds(_ value: Int64) -> Duration { Duration(micros: value * 1_000_000) }
    @inlinable public static func minutes(_ value: Int64) -> Duration { Duration(micros: value * 60_000_000) }

    /// The one documented conversion from a sampled real number of seconds to
    /// simulated time: round half away from zero to the nearest microsecond,
    /// saturating at ±(2^62) µs so that heavy-tailed samplers (Pareto) cannot
    /// overflow the clock.
    @inlinable
    public static func micros(roundingSeconds seconds: Double) -> Duration {
        let scaled = seconds * 1_000_000
        let limit = 4.611686018427388e18  // 2^62
        // One test for both bounds and NaN (whose magnitude compares false);
        // the generator rounds twice per event, and two tests plus
        // `Int64(_:)`'s own two range checks were a third of the rounding.
        guard scaled.magnitude < limit else {
            return Duration(micros: scaled <= -limit ? -(1 << 62) : 1 << 62)
        }
        // Exactly `scaled.rounded(.toNearestOrAwayFromZero)`, without the
        // libm call: truncate, then add the truncation of twice the
        // fraction, which is ±1 exactly when |fraction| ≥ ½ (with the
        // fraction's sign) and 0 otherwise. Every step is exact:
        // `scaled − truncated` because below 2^52 both share an exponent
        // range (above it every double is an integer and the fraction is
        // 0), and doubling because it only changes the exponent. In range,
        // each conversion is one x86 `cvttsd2si` (`cgsl_truncate_in_range`),
        // without the traps `Int64(_:)` would test for.
        //
        // No branch on the fraction: a sampled time's fraction is as likely
        // above ½ as below, so a branch on it was mispredicted about every
        // other call (perf: the rounding was the generator's hottest code).
        let truncated = cgsl_truncate_in_range(scaled)
        let fraction = scaled - Double(truncated)
        return Duration(micros: truncated &+ cgsl_truncate_in_range(fraction + fraction))
    }

    @inlinable public var seconds: Double { Double(micros) / 1_000_000 }
    @inlinable public var millis: Double { Double(micros) / 1_000 }

    @inlinable public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.micros < rhs.micros }
    @inlinable public static func + (lhs: Duration, rhs: Duration) -> Duration { Duration(micros: lhs.micros &+ rhs.micros) }
    @inlinable public static func - (lhs: Duration, rhs: Duration) -> Duration { Duration(micros: lhs.micros &- rhs.micros) }
    @inlinable public static func * (lhs: Duration, rhs: Int64) -> Duration { Duration(micros: lhs.micros &* rhs) }

    public var description: String { "\(micros)µs" }
}
