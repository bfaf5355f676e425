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
/// GSL's lognormal CDF. Every other distribution goes to `Distribution.sample`.
struct PreparedDistribution {
    let distribution: Distribution
    let isLognormal: Bool
    let zeta: Double
    let sigma: Double

    init(_ distribution: Distribution) {
        self.distribution = distribution
        if case .lognormal(let median, let sigma) = distribution {
            isLognormal = true
            zeta = log(median)
            self.sigma = sigma
        } else {
            isLognormal = false
            zeta = 0
            sigma = 0
        }
    }

    @inline(__always) func sample(_ stream: RandomStream) -> Double {
        if isLognormal { return exp(stream.normal(mean: zeta, sigma: sigma)) }
        return distribution.sample(stream)
    }
}
