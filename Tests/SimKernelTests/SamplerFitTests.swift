import Testing
@testable import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every sampler passes a goodness-of-fit test against GSL's own CDF
/// (`Distribution.cdf`) at fixed seeds: Kolmogorov–Smirnov for continuous
/// distributions, chi-square for discrete ones, both at α = 0.001, so a
/// correct sampler fails about once in a thousand seeds and a wrong
/// parameterisation (mean for rate, σ for σ²) fails every time.
@Suite struct SamplerFitTests {
    static let sampleCount = 20_000
    static let seeds: [UInt64] = [1, 2]

    static let continuous: [Distribution] = [
        .uniform(lower: -2, upper: 5), .exponential(mean: 0.05), .normal(mean: 3, sigma: 2),
        .lognormal(median: 0.05, sigma: 0.5), .gamma(shape: 2.5, scale: 3), .weibull(scale: 2, shape: 1.5),
        .pareto(shape: 2.5, scale: 0.01),
    ]

    static let discrete: [Distribution] = [
        .poisson(mean: 4.5), .bernoulli(probability: 0.3), .binomial(probability: 0.25, trials: 40), .geometric(probability: 0.2),
    ]

    @Test(arguments: continuous)
    func continuousSamplerPassesKolmogorovSmirnov(_ distribution: Distribution) throws {
        try distribution.validate()
        for seed in Self.seeds {
            let stream = RandomStream(root: seed, component: "fit/\(distribution.name)")
            let sample = (0..<Self.sampleCount).map { _ in distribution.sample(stream) }.sorted()
            let count = Double(sample.count)
            var distance = 0.0
            for (index, value) in sample.enumerated() {
                let expected = distribution.cdf(value)
                distance = max(distance, abs(Double(index + 1) / count - expected), abs(expected - Double(index) / count))
            }
            // Asymptotic KS critical value at α = 0.001: 1.9495 / √n.
            #expect(distance < 1.9495 / count.squareRoot(), "\(distribution.name) seed \(seed): D = \(distance)")
        }
    }

    @Test(arguments: discrete)
    func discreteSamplerPassesChiSquare(_ distribution: Distribution) throws {
        try distribution.validate()
        for seed in Self.seeds {
            let stream = RandomStream(root: seed, component: "fit/\(distribution.name)")
            var counts: [Int: Int] = [:]
            for _ in 0..<Self.sampleCount { counts[Int(distribution.sample(stream)), default: 0] += 1 }
            let (statistic, degrees) = Self.chiSquare(counts: counts, total: Self.sampleCount) { value in
                distribution.cdf(Double(value)) - distribution.cdf(Double(value) - 1)
            }
            #expect(statistic < Self.chiSquareCritical(degrees: degrees), "\(distribution.name) seed \(seed): χ² = \(statistic), df \(degrees)")
        }
    }

    @Test func zipfCategoricalSamplerPassesChiSquare() {
        let sampler = CategoricalSampler(zipfCount: 50, exponent: 1.1)
        let stream = RandomStream(root: 3, component: "fit/zipf")
        var counts: [Int: Int] = [:]
        for _ in 0..<Self.sampleCount { counts[sampler.next(stream), default: 0] += 1 }
        let normaliser = (1...50).map { 1 / pow(Double($0), 1.1) }.reduce(0, +)
        #expect(abs(sampler.probability(of: 0) - 1 / normaliser) < 1e-9)
        let (statistic, degrees) = Self.chiSquare(counts: counts, total: Self.sampleCount) { index in
            index >= 0 && index < 50 ? 1 / pow(Double(index + 1), 1.1) / normaliser : 0
        }
        #expect(statistic < Self.chiSquareCritical(degrees: degrees), "χ² = \(statistic), df \(degrees)")
    }

    /// Pearson's statistic over values in increasing order, pooling
    /// neighbours until each cell expects at least 5, and the tail beyond
    /// the last cell into one.
    static func chiSquare(counts: [Int: Int], total: Int, probability: (Int) -> Double) -> (Double, Int) {
        let lowest = counts.keys.min()!
        var cells: [(observed: Double, expected: Double)] = []
        var observed = 0.0, expected = 0.0, covered = 0.0
        var value = min(lowest, 0)
        // Bounded: walks until the remaining probability mass is tiny.
        while covered < 1 - 1e-9, value < lowest + 100_000 {
            let p = probability(value)
            observed += Double(counts[value] ?? 0)
            expected += p * Double(total)
            covered += p
            if expected >= 5 { cells.append((observed, expected)); observed = 0; expected = 0 }
            value += 1
        }
        let tailObserved = Double(counts.filter { $0.key >= value }.values.reduce(0, +)) + observed
        let tailExpected = expected + max(0, 1 - covered) * Double(total)
        if tailExpected > 0 || tailObserved > 0 {
            if tailExpected >= 5 || cells.isEmpty { cells.append((tailObserved, tailExpected)) } else {
                cells[cells.count - 1].observed += tailObserved
                cells[cells.count - 1].expected += tailExpected
            }
        }
        let statistic = cells.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        return (statistic, max(1, cells.count - 1))
    }

    /// The χ² quantile at 1 − 0.001 by the Wilson–Hilferty approximation
    /// (accurate to a few percent from one degree of freedom up).
    static func chiSquareCritical(degrees: Int) -> Double {
        let k = Double(degrees)
        let z = 3.090_232  // standard normal quantile at 0.999
        let term = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
        return max(k * term * term * term, degrees == 1 ? 10.83 : 0)
    }
}
