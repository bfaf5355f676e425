import CGSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a sampler needs from a source of random numbers. `RandomStream`
/// (any algorithm, by class reference) and `Taus2Handle` (taus2 only, by raw
/// pointer) both provide it, and the formulas built on it below are written
/// once for both, so a stream and its handle give the same numbers.
public protocol RandomDraws {
    /// The generator's next raw 32-bit output (`gsl_rng_get`; the three
    /// algorithms StreamLab uses span exactly 0...2^32 − 1).
    func nextBits() -> UInt32
    /// A double uniformly distributed in [0, 1) (`gsl_rng_uniform`).
    func nextUnit() -> Double
    /// A normal draw by GSL's ziggurat (`gsl_ran_gaussian_ziggurat`).
    func normal(mean: Double, sigma: Double) -> Double
}

extension RandomDraws {
    /// An integer uniformly distributed in 0..<bound, without modulo bias
    /// (`gsl_rng_uniform_int`; see `UniformIndexRule`).
    @inlinable @inline(__always) public func nextIndex(below bound: Int) -> Int {
        nextIndex(UniformIndexRule(bound: bound))
    }

    /// `nextIndex(below:)` with the rule's division prepared once.
    @inlinable @inline(__always) public func nextIndex(_ rule: UniformIndexRule) -> Int {
        // Bounded: each draw is accepted with probability above 1/2.
        var index = rule.quotient(nextBits())
        while index >= rule.bound { index = rule.quotient(nextBits()) }
        return Int(index)
    }

    /// Uniform on [lower, upper): `gsl_ran_flat`'s formula
    /// `lower·(1 − u) + upper·u`.
    @inlinable @inline(__always) public func uniform(lower: Double, upper: Double) -> Double {
        let unit = nextUnit()
        return lower * (1 - unit) + upper * unit
    }

    /// Exponential with the given mean (GSL's `mu`), i.e. rate = 1/mean:
    /// `gsl_ran_exponential`'s inversion `−mu·log1p(−u)`.
    @inlinable @inline(__always) public func exponential(mean: Double) -> Double {
        -mean * log1p(-nextUnit())
    }
}

/// A taus2 `RandomStream`'s generator seen through two raw pointers: the
/// state words are stepped inline (`Taus2`) and nothing is reference
/// counted, so a hot loop that keeps handles in stored properties pays
/// neither GSL's indirect calls nor retain/release around its draws.
/// (Callgrind on the reference workload: three retain/release pairs per
/// event, ~120 instructions, came from streams and processes held by class
/// reference across `log1p`/GSL calls.) Being taus2-only, a handle has no
/// fallback branch to another algorithm on its path.
///
/// A handle does not own anything: it is valid while the `RandomStream`
/// that made it is alive, and every holder keeps that stream in a stored
/// property beside it. Draws through a handle and through its stream are
/// the same draws, in one sequence.
@frozen
public struct Taus2Handle: RandomDraws {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// taus2's three state words inside `rng`.
    @usableFromInline let state: UnsafeMutablePointer<UInt>
    /// GSL's ziggurat tables (`Ziggurat.strips`), fetched once here so a
    /// draw does not pay the lazy global's initialisation check.
    @usableFromInline let strips: UnsafePointer<ZigguratStrip>

    @usableFromInline init(rng: UnsafeMutablePointer<gsl_rng>, strips: UnsafePointer<ZigguratStrip> = Ziggurat.strips) {
        self.rng = rng
        state = rng.pointee.state.assumingMemoryBound(to: UInt.self)
        self.strips = strips
    }

    @inlinable @inline(__always) public func nextBits() -> UInt32 { Taus2.next(state) }

    /// The raw output divided by 2^32 (exact), as taus2's `get_double`.
    @inlinable @inline(__always) public func nextUnit() -> Double { Double(Taus2.next(state)) * 0x1p-32 }

    /// GSL's ziggurat (`gsl_ran_gaussian_ziggurat`), bit for bit, with its
    /// fast path inline (see `Ziggurat`): one taus2 step k, strip
    /// i = k & 0x7F, position j = k >> 8, sign from bit 7; when j is below
    /// the strip's bound the result is GSL's `((double)sign * sigma) * x`
    /// with x = j · width, in that order. Otherwise the state words are put
    /// back and GSL redoes the draw. (For a NaN sigma, which
    /// `Distribution.validate` rejects, the sign bit of the NaN may differ.)
    @inlinable @inline(__always) public func normal(mean: Double, sigma: Double) -> Double {
        let saved = (state[0], state[1], state[2])
        let bits = Taus2.next(state)
        let strip = strips[Int(bits & 0x7f)]
        let position = bits >> 8
        if _fastPath(position < strip.fastLimit) {
            // (±1)·sigma is sigma with its sign bit flipped when bit 7 is
            // clear (exact for every non-NaN sigma); done on the bits, as
            // the sign is a fair coin and a branch on it was mispredicted
            // every other draw (callgrind --branch-sim).
            let signedSigma = Double(bitPattern: sigma.bitPattern ^ (UInt64(~bits & 0x80) << 56))
            return mean + signedSigma * (Double(position) * strip.width)
        }
        return mean + Ziggurat.redraw(rng, state, saved: saved, sigma: sigma)
    }
}

/// `gsl_rng_uniform_int`'s rule for one bound: divide the raw 32-bit output
/// by `scale` = ⌊(2^32 − 1) / bound⌋ and redraw when the quotient reaches
/// `bound`, so every index has the same number of raw values.
///
/// The division by `scale` is done as a multiplication by a precomputed
/// reciprocal (Lemire, Kaser and Kurz, "Faster remainder by direct
/// computation", 2019: for 32-bit numerators and divisors,
/// ⌊(⌊2^64 / d⌋ + 1) · n / 2^64⌋ = ⌊n / d⌋ exactly), because a hardware
/// divide per key draw was the slowest instruction on the event path.
/// `Taus2Tests` checks it against GSL's call for bounds from 1 to 2^32 − 1.
@frozen
public struct UniformIndexRule: Sendable {
    public let bound: UInt32
    @usableFromInline let scale: UInt32
    /// ⌊2^64 / scale⌋ + 1; 0 (wrapped) when `scale` is 1, which divides by itself.
    @usableFromInline let reciprocal: UInt64

    @inlinable public init(bound: Int) {
        precondition(bound > 0 && UInt64(bound) <= UInt64(UInt32.max), "nextIndex bound out of range: \(bound)")
        self.bound = UInt32(truncatingIfNeeded: bound)
        scale = UInt32.max / self.bound
        reciprocal = UInt64.max / UInt64(scale) &+ 1
    }

    @inlinable @inline(__always) func quotient(_ bits: UInt32) -> UInt32 {
        if scale == 1 { return bits }
        return UInt32(truncatingIfNeeded: reciprocal.multipliedFullWidth(by: UInt64(bits)).high)
    }
}
