import Testing
import SimKernel
@testable import Workloads

/// The streams have the properties their scenarios claim (issue 2, "Must show").
@Suite struct StreamPropertyTests {
    static func summary(_ generator: StreamGenerator, keyCount: Int) -> DisorderSummary {
        var summary = DisorderSummary(keyCount: keyCount)
        while let event = generator.next() { summary.record(event) }
        return summary
    }

    static let poissonJSON = """
    { "name": "poisson-test", "description": "d", "default_events": 10, "key_space": { "count": 10 },
      "sources": { "s": { "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": 100 } } } }
    """

    @Test func poissonPerSecondCountsHaveIndexOfDispersionNearOne() throws {
        let scenario = try TestSupport.scenario(json: Self.poissonJSON)
        for seed: UInt64 in [1, 2] {
            let summary = Self.summary(scenario.makeGenerator(seed: seed, duration: .seconds(3_000)), keyCount: 10)
            // 3,000 bins: the ratio's standard error is about √(2/3000) ≈ 0.026.
            #expect(summary.completeSeconds > 2_990)
            #expect(abs(summary.indexOfDispersion - 1) < 0.12, "seed \(seed): dispersion \(summary.indexOfDispersion)")
        }
    }

    @Test func onOffBurstsAreFarMoreDispersedThanPoisson() throws {
        let scenario = try TestSupport.scenario("onoff-bursts")
        let summary = Self.summary(scenario.makeGenerator(seed: 3, duration: .minutes(5)), keyCount: 100)
        #expect(summary.indexOfDispersion > 100, "dispersion \(summary.indexOfDispersion)")
    }

    @Test func hawkesArrivalsAreFarMoreDispersedThanPoisson() throws {
        let json = """
        { "name": "hawkes-test", "description": "d", "default_events": 10, "key_space": { "count": 10 },
          "sources": { "s": { "kinds": { "e": 1 },
            "arrivals": { "process": "hawkes", "baseline_rate_per_s": 5, "branching_ratio": 0.8, "decay_s": 0.1 } } } }
        """
        let scenario = try TestSupport.scenario(json: json)
        let summary = Self.summary(scenario.makeGenerator(seed: 4, duration: .seconds(2_000)), keyCount: 10)
        #expect(summary.indexOfDispersion > 5, "dispersion \(summary.indexOfDispersion)")
        // Stationary Hawkes rate is μ / (1 − n) = 25/s.
        let rate = Double(summary.count) / 2_000
        #expect(rate > 18 && rate < 32, "rate \(rate)")
    }

    @Test func latenessQuantilesFollowTheLognormalDelay() throws {
        let scenario = try TestSupport.scenario("reference")
        let delay = Distribution.lognormal(median: 0.05, sigma: 0.5)
        let summary = Self.summary(scenario.makeGenerator(seed: 5, duration: .seconds(10)), keyCount: 1_000)
        let p50Seconds = Double(summary.lateness.quantile(0.5)) / 1e6
        let p99Seconds = Double(summary.lateness.quantile(0.99)) / 1e6
        // Lognormal quantile: median · exp(σ · z_q); z_0.99 = 2.3263.
        #expect(abs(p50Seconds / 0.05 - 1) < 0.02, "p50 \(p50Seconds)")
        #expect(abs(p99Seconds / (0.05 * exp(0.5 * 2.326_347_9)) - 1) < 0.04, "p99 \(p99Seconds)")
        #expect(summary.lateness.negativeCount == 0)
        // And the whole shape: a Kolmogorov–Smirnov distance to the GSL CDF.
        var delays: [Double] = []
        let generator = scenario.makeGenerator(seed: 6, duration: .seconds(2))
        while let event = generator.next() { delays.append(event.transportDelay.seconds) }
        let distance = KolmogorovSmirnov.distance(delays, cdf: delay.cdf)
        #expect(distance < 1.63 / Double(delays.count).squareRoot(), "KS distance \(distance) over \(delays.count)")
    }

    @Test func offlineDevicesDeliverLaterThanTheOthersP99() throws {
        let scenario = try TestSupport.scenario("iot-sensors", overrides: ["arrivals.mean_rate_per_s": "25"])
        let generator = scenario.makeGenerator(seed: 7, duration: .minutes(60))
        let flaky = generator.sources[0].disorder.flaky
        var steady: [Int64] = []
        var offline: [Int64] = []
        while let event = generator.next() {
            let lateness = event.transportDelay.micros
            if flaky[Int(event.producer)] { offline.append(lateness) } else { steady.append(lateness) }
        }
        steady.sort()
        let steadyP99 = steady[steady.count * 99 / 100]
        let beyond = offline.filter { $0 > steadyP99 }.count
        #expect(flaky.contains(true))
        #expect(Double(beyond) / Double(offline.count) > 0.1, "\(beyond) of \(offline.count) beyond p99 \(steadyP99)")
        #expect(offline.max()! > 60_000_000, "the longest backlog delay should exceed a minute")
    }

    @Test(arguments: ["reference", "theworldshop-viral-night", "iot-sensors", "card-transactions", "clickstream-sessions", "nexmark", "onoff-bursts"])
    func eventsComeInArrivalOrderWithTiesBrokenById(_ name: String) throws {
        let scenario = try TestSupport.scenario(name)
        let generator = scenario.makeGenerator(seed: 8, maxEvents: 20_000)
        var previous: Event?
        var count = 0
        while let event = generator.next() {
            if let previous {
                let ordered = (previous.arrivalTime.micros, previous.id, previous.attempt) < (event.arrivalTime.micros, event.id, event.attempt)
                #expect(ordered, "\(name): \(previous) before \(event)")
                if !ordered { return }
            }
            #expect(event.arrivalTime.micros >= event.eventTime.micros - 2_000_000, "\(name): arrival far before event time")
            previous = event
            count += 1
        }
        #expect(count == 20_000)
    }

    @Test func retriesDuplicateTheSameIdWithAHigherAttemptLater() throws {
        let scenario = try TestSupport.scenario("card-transactions", overrides: ["retries.probability": "0.2"])
        let generator = scenario.makeGenerator(seed: 9, maxEvents: 5_000)
        var firstSend: [UInt64: Event] = [:]
        var duplicates = 0
        while let event = generator.next() {
            if event.attempt == 0 { firstSend[event.id] = event; continue }
            duplicates += 1
            guard let original = firstSend[event.id] else { Issue.record("duplicate \(event.id) before its original"); continue }
            #expect(original.key == event.key && original.eventTime == event.eventTime && original.value == event.value)
            #expect(event.arrivalTime > original.arrivalTime)
        }
        #expect(duplicates > 700 && duplicates < 1_300, "duplicates \(duplicates)")
    }

    @Test func memoryInFlightDoesNotGrowWithTheStreamLength() throws {
        let scenario = try TestSupport.scenario("reference")
        let short = scenario.makeGenerator(seed: 10, maxEvents: 20_000)
        while short.next() != nil {}
        let long = scenario.makeGenerator(seed: 10, maxEvents: 400_000)
        while long.next() != nil {}
        // In flight ≈ rate × the longest delay (10,000/s × ~0.5 s), whatever the length.
        #expect(long.peakInFlight < 2 * short.peakInFlight + 200, "peaks \(short.peakInFlight) → \(long.peakInFlight)")
        #expect(long.peakInFlight < 10_000)
    }
}

enum KolmogorovSmirnov {
    /// sup |F_n(x) − F(x)| over the sample.
    static func distance(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let count = Double(sorted.count)
        var distance = 0.0
        for (index, value) in sorted.enumerated() {
            let expected = cdf(value)
            distance = max(distance, abs(Double(index + 1) / count - expected), abs(expected - Double(index) / count))
        }
        return distance
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
