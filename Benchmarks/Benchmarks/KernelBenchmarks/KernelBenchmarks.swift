import Benchmark
import SimKernel

/// The kernel's building blocks, each reported as throughput (operations
/// per second, scaled) and allocations: RNG draws per GSL algorithm, one
/// draw per sampler, and the event queue's pop+push at several sizes.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.throughput, .wallClock, .instructions, .mallocCountTotal, .peakMemoryResident]
    let configuration = Benchmark.Configuration(metrics: metrics, scalingFactor: .mega, maxDuration: .seconds(2), maxIterations: 20)

    for algorithm in RandomAlgorithm.allCases {
        Benchmark("rng uniform \(algorithm.rawValue)", configuration: configuration) { benchmark in
            let stream = RandomStream(seed: 1, algorithm: algorithm)
            var total = 0.0
            for _ in benchmark.scaledIterations { total += stream.nextUnit() }
            blackHole(total)
        }
    }

    let distributions: [Distribution] = [
        .uniform(lower: 0, upper: 1), .exponential(mean: 1e-4), .poisson(mean: 4), .normal(mean: 0, sigma: 1),
        .lognormal(median: 0.05, sigma: 0.5), .gamma(shape: 2, scale: 1), .weibull(scale: 1, shape: 1.5),
        .pareto(shape: 2, scale: 1), .bernoulli(probability: 0.3), .binomial(probability: 0.3, trials: 20),
        .geometric(probability: 0.2),
    ]
    for distribution in distributions {
        Benchmark("sampler \(distribution.name)", configuration: configuration) { benchmark in
            let stream = RandomStream(seed: 1)
            var total = 0.0
            for _ in benchmark.scaledIterations { total += distribution.sample(stream) }
            blackHole(total)
        }
    }

    Benchmark("sampler categorical zipf 1000", configuration: configuration) { benchmark in
        let stream = RandomStream(seed: 1)
        let sampler = CategoricalSampler(zipfCount: 1_000, exponent: 1.1)
        var total = 0
        for _ in benchmark.scaledIterations { total &+= sampler.next(stream) }
        blackHole(total)
    }

    // The hold model: pop the earliest, schedule it again a random delay
    // later, so the queue size stays at `inFlight` (the DES steady state).
    for inFlight in [500, 100_000] {
        Benchmark("event queue pop+push, \(inFlight) in flight", configuration: configuration) { benchmark in
            let stream = RandomStream(seed: 1)
            var queue = EventQueue<Int64>()
            for index in 0..<inFlight { queue.schedule(at: Instant(micros: Int64(index)), Int64(index)) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let (time, payload) = queue.popNext()!
                let delay = Duration.micros(roundingSeconds: stream.lognormal(zeta: -2.995732, sigma: 0.5))
                queue.schedule(at: time + delay, payload &+ 1)
            }
            benchmark.stopMeasurement()
            blackHole(queue.count)
        }
    }
}
