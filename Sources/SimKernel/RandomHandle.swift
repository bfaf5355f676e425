import CGSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `RandomStream`'s generator seen through two raw pointers: no reference
/// counting, so a hot loop that keeps one in a stored property pays no
/// retain/release around its draws (callgrind on the reference workload:
/// three retain/release pairs per event, ~120 instructions, came from
/// streams and processes held by class reference across `log1p`/GSL calls).
///
/// A handle does not own anything: it is valid while the `RandomStream`
/// that made it is alive, and every holder keeps that stream in a stored
/// property beside it. Draws through a handle and through its stream are
/// the same draws, in one sequence.
@frozen
public struct RandomHandle {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// taus2's three state words inside `rng`, stepped inline by `Taus2`;
    /// nil for the other algorithms, which go through GSL's calls.
    @usableFromInline let taus2State: UnsafeMutablePointer<UInt>?

    @usableFromInline init(rng: UnsafeMutablePointer<gsl_rng>, taus2State: UnsafeMutablePointer<UInt>?) {
        self.rng = rng
        self.taus2State = taus2State
    }

    /// The generator's next raw 32-bit output (`gsl_rng_get`; all three
    /// algorithms span exactly 0...2^32 − 1).
    @inlinable @inline(__always) public func nextBits() -> UInt32 {
        guard let taus2State else { return UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }
        return Taus2.next(taus2State)
    }

    /// A double uniformly distributed in [0, 1): `gsl_rng_uniform`, which
    /// for these generators is the raw output divided by 2^32 (exact).
    @inlinable @inline(__always) public func nextUnit() -> Double {
        guard let taus2State else { return gsl_rng_uniform(rng) }
        return Double(Taus2.next(taus2State)) * 0x1p-32
    }

    /// A double uniformly distributed in (0, 1): never exactly zero
    /// (`gsl_rng_uniform_pos`: redraw on zero).
    @inlinable public func nextUnitPositive() -> Double {
        guard taus2State != nil else { return gsl_rng_uniform_pos(rng) }
        // Bounded in practice, as in GSL: a draw is zero once in 2^32.
        var unit = nextUnit()
        while unit == 0 { unit = nextUnit() }
        return unit
    }

    /// An integer uniformly distributed in 0..<bound, without modulo bias:
    /// `gsl_rng_uniform_int`'s rule (divide the raw output by
    /// ⌊(2^32 − 1) / bound⌋, redraw when the quotient reaches `bound`).
    @inlinable @inline(__always) public func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0 && UInt64(bound) <= UInt64(UInt32.max), "nextIndex bound out of range: \(bound)")
        let limit = UInt32(truncatingIfNeeded: bound)
        let scale = UInt32.max / limit
        // Bounded: each draw is accepted with probability above 1/2.
        var index = nextBits() / scale
        while index >= limit { index = nextBits() / scale }
        return Int(index)
    }

    /// Uniform on [lower, upper): `gsl_ran_flat`'s formula
    /// `lower·(1 − u) + upper·u`, on the inline uniform draw.
    @inlinable @inline(__always) public func uniform(lower: Double, upper: Double) -> Double {
        let unit = nextUnit()
        return lower * (1 - unit) + upper * unit
    }

    /// Exponential with the given mean (GSL's `mu`): `gsl_ran_exponential`'s
    /// inversion `−mu·log1p(−u)`, on the inline uniform draw.
    @inlinable @inline(__always) public func exponential(mean: Double) -> Double {
        -mean * log1p(-nextUnit())
    }

    /// Normal draw by GSL's ziggurat (`gsl_ran_gaussian_ziggurat`), which
    /// steps the same state words as the inline draws.
    @inlinable @inline(__always) public func normal(mean: Double, sigma: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(rng, sigma)
    }
}
