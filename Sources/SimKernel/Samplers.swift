import CGSL

/// Thin, inlinable calls into GSL's samplers (uniform, exponential and
/// integer draws are `RandomDraws`' inline formulas). Parameter names follow GSL's
/// documentation; every parameter is checked by `Distribution.validate` before
/// a user's value reaches here, so the preconditions below catch programmer
/// errors only.
extension RandomStream {
    @inlinable public func poisson(mean: Double) -> Int {
        Int(gsl_ran_poisson(raw, mean))
    }

    /// Normal draw. Uses GSL's ziggurat method, the fastest of its Gaussian
    /// samplers; it has the same distribution as `gsl_ran_gaussian`.
    @inlinable public func normal(mean: Double, sigma: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(raw, sigma)
    }

    /// Lognormal: `exp(N(zeta, sigma))`; the median is `exp(zeta)`.
    @inlinable public func lognormal(zeta: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(raw, zeta, sigma)
    }

    @inlinable public func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(raw, shape, scale)
    }

    @inlinable public func weibull(scale: Double, shape: Double) -> Double {
        gsl_ran_weibull(raw, scale, shape)
    }

    /// Pareto type I: support `[scale, ∞)`, tail index `shape` (GSL's `a`).
    @inlinable public func pareto(shape: Double, scale: Double) -> Double {
        gsl_ran_pareto(raw, shape, scale)
    }

    @inlinable public func bernoulli(probability: Double) -> Bool {
        gsl_ran_bernoulli(raw, probability) == 1
    }

    @inlinable public func binomial(probability: Double, trials: Int) -> Int {
        Int(gsl_ran_binomial(raw, probability, UInt32(trials)))
    }

    /// Geometric on {1, 2, …}: the number of trials up to the first success.
    @inlinable public func geometric(probability: Double) -> Int {
        Int(gsl_ran_geometric(raw, probability))
    }
}

/// A categorical distribution over `0..<weights.count`, drawn in O(1) through
/// GSL's Walker alias tables (`gsl_ran_discrete`). Used for Zipf hot keys.
public final class CategoricalSampler {
    @usableFromInline let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    public let count: Int

    /// - Precondition: weights are finite, non-negative and not all zero;
    ///   callers validate user input first (`Distribution.validate`).
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "categorical sampler needs at least one weight")
        precondition(weights.allSatisfy { $0.isFinite && $0 >= 0 }, "weights must be finite and non-negative")
        precondition(weights.contains { $0 > 0 }, "weights must not all be zero")
        count = weights.count
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) }) else {
            preconditionFailure("gsl_ran_discrete_preproc failed")
        }
        self.table = table
    }

    /// Zipf weights `1 / rank^exponent` for ranks 1…count.
    public convenience init(zipfCount count: Int, exponent: Double) {
        precondition(count > 0)
        self.init(weights: (1...count).map { 1 / pow(Double($0), exponent) })
    }

    deinit { gsl_ran_discrete_free(table) }

    @inlinable public func next(_ stream: RandomStream) -> Int {
        Int(gsl_ran_discrete(stream.raw, table))
    }

    /// Probability of category `index` (GSL's `gsl_ran_discrete_pdf`).
    public func probability(of index: Int) -> Double {
        gsl_ran_discrete_pdf(index, table)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
