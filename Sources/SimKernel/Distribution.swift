import CGSL

/// A real-valued distribution that scenario files name, with its parameters
/// validated, its sampler and its GSL CDF (for goodness-of-fit tests).
///
/// Discrete distributions sample integers, returned as `Double` so that one
/// type serves every "value from any sampler" slot of a scenario.
public enum Distribution: Equatable, Sendable {
    case constant(Double)
    case uniform(lower: Double, upper: Double)
    case exponential(mean: Double)
    case poisson(mean: Double)
    case normal(mean: Double, sigma: Double)
    /// Lognormal given by its median (`exp(zeta)`) and log-space sigma.
    case lognormal(median: Double, sigma: Double)
    case gamma(shape: Double, scale: Double)
    case weibull(scale: Double, shape: Double)
    case pareto(shape: Double, scale: Double)
    case bernoulli(probability: Double)
    case binomial(probability: Double, trials: Int)
    case geometric(probability: Double)

    public var name: String {
        switch self {
        case .constant: return "constant"
        case .uniform: return "uniform"
        case .exponential: return "exponential"
        case .poisson: return "poisson"
        case .normal: return "normal"
        case .lognormal: return "lognormal"
        case .gamma: return "gamma"
        case .weibull: return "weibull"
        case .pareto: return "pareto"
        case .bernoulli: return "bernoulli"
        case .binomial: return "binomial"
        case .geometric: return "geometric"
        }
    }

    public var isDiscrete: Bool {
        switch self {
        case .poisson, .bernoulli, .binomial, .geometric: return true
        default: return false
        }
    }

    /// Checks every parameter; the error names the offending field.
    public func validate() throws(InputError) {
        func fail(_ field: String, _ reason: String) -> InputError {
            InputError(file: "", field: field, reason: reason)
        }
        func finite(_ value: Double, _ field: String) throws(InputError) {
            guard value.isFinite else { throw fail(field, "must be a finite number") }
        }
        func positive(_ value: Double, _ field: String) throws(InputError) {
            try finite(value, field)
            guard value > 0 else { throw fail(field, "must be greater than 0, got \(value)") }
        }
        func probability(_ value: Double, _ field: String, open: Bool) throws(InputError) {
            try finite(value, field)
            guard value >= 0, value <= 1 else { throw fail(field, "must be a probability between 0 and 1, got \(value)") }
            if open, value == 0 { throw fail(field, "must be greater than 0, got 0") }
        }
        switch self {
        case .constant(let value): try finite(value, "value")
        case .uniform(let lower, let upper):
            try finite(lower, "lower"); try finite(upper, "upper")
            guard lower < upper else { throw fail("upper", "must be greater than lower (\(lower)), got \(upper)") }
        case .exponential(let mean): try positive(mean, "mean")
        case .poisson(let mean): try positive(mean, "mean")
        case .normal(let mean, let sigma): try finite(mean, "mean"); try positive(sigma, "sigma")
        case .lognormal(let median, let sigma): try positive(median, "median"); try positive(sigma, "sigma")
        case .gamma(let shape, let scale): try positive(shape, "shape"); try positive(scale, "scale")
        case .weibull(let scale, let shape): try positive(scale, "scale"); try positive(shape, "shape")
        case .pareto(let shape, let scale): try positive(shape, "shape"); try positive(scale, "scale")
        case .bernoulli(let p): try probability(p, "probability", open: false)
        case .binomial(let p, let trials):
            try probability(p, "probability", open: false)
            guard trials >= 0, trials <= Int(UInt32.max) else { throw fail("trials", "must be between 0 and \(UInt32.max), got \(trials)") }
        case .geometric(let p): try probability(p, "probability", open: true)
        }
    }

    /// One draw. The distribution must have been validated.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let lower, let upper): return stream.uniform(lower: lower, upper: upper)
        case .exponential(let mean): return stream.exponential(mean: mean)
        case .poisson(let mean): return Double(stream.poisson(mean: mean))
        case .normal(let mean, let sigma): return stream.normal(mean: mean, sigma: sigma)
        case .lognormal(let median, let sigma): return stream.lognormal(zeta: log(median), sigma: sigma)
        case .gamma(let shape, let scale): return stream.gamma(shape: shape, scale: scale)
        case .weibull(let scale, let shape): return stream.weibull(scale: scale, shape: shape)
        case .pareto(let shape, let scale): return stream.pareto(shape: shape, scale: scale)
        case .bernoulli(let p): return stream.bernoulli(probability: p) ? 1 : 0
        case .binomial(let p, let trials): return Double(stream.binomial(probability: p, trials: trials))
        case .geometric(let p): return Double(stream.geometric(probability: p))
        }
    }

    /// P(X ≤ x), from GSL's `gsl_cdf_*` functions. For discrete distributions
    /// `x` is floored to an integer first.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .constant(let value): return x >= value ? 1 : 0
        case .uniform(let lower, let upper): return gsl_cdf_flat_P(x, lower, upper)
        case .exponential(let mean): return gsl_cdf_exponential_P(x, mean)
        case .poisson(let mean): return x < 0 ? 0 : gsl_cdf_poisson_P(UInt32(x.rounded(.down)), mean)
        case .normal(let mean, let sigma): return gsl_cdf_gaussian_P(x - mean, sigma)
        case .lognormal(let median, let sigma): return gsl_cdf_lognormal_P(x, log(median), sigma)
        case .gamma(let shape, let scale): return gsl_cdf_gamma_P(x, shape, scale)
        case .weibull(let scale, let shape): return gsl_cdf_weibull_P(x, scale, shape)
        case .pareto(let shape, let scale): return gsl_cdf_pareto_P(x, shape, scale)
        case .bernoulli(let p): return x < 0 ? 0 : (x < 1 ? 1 - p : 1)
        case .binomial(let p, let trials):
            return x < 0 ? 0 : gsl_cdf_binomial_P(UInt32(min(x, Double(trials)).rounded(.down)), p, UInt32(trials))
        case .geometric(let p): return x < 1 ? 0 : gsl_cdf_geometric_P(UInt32(min(x, 4e9).rounded(.down)), p)
        }
    }

    /// The distribution's mean (used by summaries and rate calculations).
    public var mean: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let lower, let upper): return (lower + upper) / 2
        case .exponential(let mean): return mean
        case .poisson(let mean): return mean
        case .normal(let mean, _): return mean
        case .lognormal(let median, let sigma): return median * exp(sigma * sigma / 2)
        case .gamma(let shape, let scale): return shape * scale
        case .weibull(let scale, let shape): return scale * tgamma(1 + 1 / shape)
        case .pareto(let shape, let scale): return shape > 1 ? shape * scale / (shape - 1) : .infinity
        case .bernoulli(let p): return p
        case .binomial(let p, let trials): return p * Double(trials)
        case .geometric(let p): return 1 / p
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
