import Testing
@testable import Workloads

/// The plain-source lane must produce exactly the events the general path
/// produces: same ids, keys, values, times and order, for every shape the
/// lane accepts; and scenarios it does not accept must not use it.
@Suite struct PlainSourceLaneTests {
    static let plainVariants: [String] = [
        // The reference workload as shipped.
        "reference",
        // Home attributes, producers by key, partitions, constant values, uniform delay, a horizon.
        """
        {"name": "plain-home", "description": "test", "default_duration": "3s",
         "key_space": {"count": 97, "prefix": "k"},
         "sources": {"s": {"kinds": {"only": 1}, "arrivals": {"process": "poisson", "rate_per_s": 5000},
           "keys": {"distribution": "uniform"}, "values": {"distribution": "constant", "value": 7},
           "producers": {"count": 13, "by_key": true, "partitions": 6}, "attribute": {"mode": "home", "count": 40},
           "delay_s": {"distribution": "uniform", "lower": -0.01, "upper": 0.2}}}}
        """,
        // One key, no delay: arrival order is true-time order.
        """
        {"name": "plain-one-key", "description": "test", "default_events": 20000,
         "key_space": {"count": 1, "prefix": "k"},
         "sources": {"s": {"kinds": {"only": 1}, "arrivals": {"process": "poisson", "rate_per_s": 800},
           "keys": {"distribution": "uniform"}, "values": {"distribution": "lognormal", "median": 3, "sigma": 1}}}}
        """,
    ]

    static func scenario(_ variant: String) throws -> Scenario {
        variant.hasPrefix("{") ? try TestSupport.scenario(json: variant) : try TestSupport.scenario(variant)
    }

    @Test(arguments: plainVariants)
    func laneEventsEqualTheGeneralPathsEventForEvent(variant: String) throws {
        let scenario = try Self.scenario(variant)
        let events = min(scenario.defaultEvents ?? 50_000, 50_000)
        let duration = scenario.defaultDuration
        let fast = StreamGenerator(scenario: scenario, seed: 42, maxEvents: events, duration: duration)
        let general = StreamGenerator(scenario: scenario, seed: 42, maxEvents: events, duration: duration, allowsLane: false)
        #expect(fast.usesLane)
        #expect(!general.usesLane)
        var count = 0
        var firstDifference: Int?
        // Bounded by the generators' own event limits or horizons.
        while true {
            let a = fast.next()
            let b = general.next()
            if a != b, firstDifference == nil { firstDifference = count }
            if a == nil || b == nil { break }
            count += 1
        }
        #expect(firstDifference == nil)
        #expect(count > 10_000)
        // The lane generates in runs, so it may hold up to one run more.
        #expect(fast.peakInFlight >= general.peakInFlight)
        #expect(fast.peakInFlight <= general.peakInFlight + StreamGenerator.laneRunLength)
    }

    @Test(arguments: ["card-transactions", "nexmark", "onoff-bursts", "iot-sensors", "clickstream-sessions", "theworldshop-viral-night"])
    func scenariosWithMoreThanTheLaneModelsTakeTheGeneralPath(name: String) throws {
        let generator = try TestSupport.scenario(name).makeGenerator(seed: 1, maxEvents: 10)
        #expect(!generator.usesLane)
    }

    @Test func zipfKeysTakeTheGeneralPath() throws {
        let generator = try TestSupport.scenario("reference", overrides: ["keys": #"{"distribution": "zipf", "exponent": 1.1}"#]).makeGenerator(seed: 1, maxEvents: 10)
        #expect(!generator.usesLane)
    }
}
