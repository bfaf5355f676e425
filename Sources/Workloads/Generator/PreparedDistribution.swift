import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A distribution readied for the per-event hot path.
///
/// The lognormal case, the usual transport delay, is drawn as
/// `exp(N(ζ, σ))` with ζ = ln(median) computed once and the normal from
/// GSL's ziggurat sampler; `gsl_ran_lognormal` instead recomputes nothing
/// but uses the polar Box–Muller method (a log, a square root and a
/// rejection loop per draw). Both have exactly the lognormal law; the
/// Kolmogorov–Smirnov test in StreamPropertyTests checks this one against
/// GSL's lognormal CDF. The uniform case (the usual value) is inlined here;
/// every other distribution goes to `Distribution.sample`.
struct PreparedDistribution {
    enum Shape { case lognormal, uniform, constant, other }

    let distribution: Distribution
    let shape: Shape
    /// lognormal: ζ = ln(median) and σ; uniform: lower and upper bounds;
    /// constant: the value.
    let first: Double
    let second: Double

    init(_ distribution: Distribution) {
        self.distribution = distribution
        switch distribution {
        case .lognormal(let median, let sigma): (shape, first, second) = (.lognormal, log(median), sigma)
        case .uniform(let lower, let upper): (shape, first, second) = (.uniform, lower, upper)
        case .constant(let value): (shape, first, second) = (.constant, value, 0)
        default: (shape, first, second) = (.other, 0, 0)
        }
    }

    /// True when `sampleInline` can draw it (no call into `Distribution`).
    var isInline: Bool { shape != .other }

    @inline(__always) func sample(_ stream: RandomStream) -> Double {
        shape == .other ? distribution.sample(stream) : sampleInline(stream)
    }

    /// The draw for the inline shapes, from a stream or a handle.
    @inline(__always) func sampleInline<Draws: RandomDraws>(_ draws: Draws) -> Double {
        sampleInline(draws, shape: shape)
    }

    /// `sampleInline(_:)` with the shape given by the caller, which must be
    /// `self.shape`: a constant there specialises the draw.
    @inline(__always) func sampleInline<Draws: RandomDraws>(_ draws: Draws, shape: Shape) -> Double {
        assert(shape == self.shape, "sampleInline with another distribution's shape")
        switch shape {
        case .lognormal: return exp(draws.normal(mean: first, sigma: second))
        case .uniform: return draws.uniform(lower: first, upper: second)
        case .constant: return first
        case .other: preconditionFailure("sampleInline on a distribution that is not inline")
        }
    }
}
