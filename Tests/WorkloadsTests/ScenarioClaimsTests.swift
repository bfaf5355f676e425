import Testing
import SimKernel
@testable import Workloads

/// Each scenario shows what its description promises.
@Suite struct ScenarioClaimsTests {
    @Test func viralNightHasAboutFiftyThousandAddToCartsAndTheSurgeStartsAtEleven() throws {
        let scenario = try TestSupport.scenario("theworldshop-viral-night")
        let addToCart = try #require(scenario.kindIndex("add-to-cart"))
        let order = try #require(scenario.kindIndex("order"))
        let stock = try #require(scenario.parameter("initial_stock_per_sku"))
        let surge = Instant.seconds(23 * 3600)
        #expect(scenario.start == .seconds(22 * 3600 + 30 * 60))
        let generator = scenario.makeGenerator(seed: 1)
        var carts = 0, cartsBeforeSurge = 0, hotOrders = 0
        var soldOut: Instant?
        while let event = generator.next() {
            guard event.attempt == 0 else { continue }
            if event.kind == addToCart {
                carts += 1
                if event.eventTime < surge { cartsBeforeSurge += 1 }
            }
            // The hottest SKU (Zipf rank 1 is key 0) sells out when its orders pass the stock.
            if event.kind == order, event.key == 0 {
                hotOrders += 1
                if Double(hotOrders) >= stock, soldOut == nil { soldOut = event.eventTime }
            }
        }
        #expect(carts > 42_000 && carts < 58_000, "add-to-cart \(carts)")
        #expect(cartsBeforeSurge < carts / 4, "before the surge \(cartsBeforeSurge) of \(carts)")
        let soldOutAt = try #require(soldOut, "the hot SKU never sold out")
        #expect(soldOutAt > surge && soldOutAt < surge + .minutes(15), "sold out at \(ClockText.format(soldOutAt))")
    }

    @Test func nexmarkKindsFollowTheOneThreeFortySixCycle() throws {
        let scenario = try TestSupport.scenario("nexmark")
        let generator = scenario.makeGenerator(seed: 2, maxEvents: 10_000)
        var kindById: [UInt64: UInt16] = [:]
        while let event = generator.next() { kindById[event.id] = event.kind }
        let names = scenario.eventKinds
        #expect(names == ["person", "auction", "bid"])
        for id in 0..<UInt64(9_000) {
            let position = id % 50
            let expected: UInt16 = position == 0 ? 0 : (position < 4 ? 1 : 2)
            guard let kind = kindById[id] else { continue }
            #expect(kind == expected, "id \(id)")
            if kind != expected { return }
        }
    }

    @Test func cardFraudIsPlantedInTheReportedCardsOnly() throws {
        let scenario = try TestSupport.scenario("card-transactions")
        let generator = scenario.makeGenerator(seed: 3)
        let fraudulent = Set(generator.plantedKeys)
        #expect(fraudulent.count == 8)
        #expect(scenario.plantedKeys(seed: 3) == generator.plantedKeys)
        var placesByCard: [Int32: Set<Int32>] = [:]
        var timesAway: [Int32: [Instant]] = [:]
        while let event = generator.next() {
            guard event.attempt == 0 else { continue }
            placesByCard[event.key, default: []].insert(event.attribute)
            if event.attribute != homeAttribute(key: event.key, count: 40) { timesAway[event.key, default: []].append(event.eventTime) }
        }
        // Rule the harness scores: ≥ 3 places within 5 minutes flags a card.
        let flagged = Set(placesByCard.filter { $0.value.count >= 3 }.keys)
        #expect(flagged == fraudulent)
        for card in fraudulent {
            let times = try #require(timesAway[card]).sorted()
            #expect(times.count == 5)
            #expect(times.last! - times.first! <= .seconds(300))
        }
    }

    @Test func clickstreamSessionsAreSeparatedByInactivityGaps() throws {
        let scenario = try TestSupport.scenario("clickstream-sessions")
        let gap = try #require(scenario.parameter("session_gap_s"))
        let generator = scenario.makeGenerator(seed: 4, duration: .minutes(60))
        var timesByUser: [Int32: [Instant]] = [:]
        while let event = generator.next() { timesByUser[event.key, default: []].append(event.eventTime) }
        var within = 0, across = 0
        for times in timesByUser.values {
            let sorted = times.sorted()
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                if (later - earlier).seconds > gap { across += 1 } else { within += 1 }
            }
        }
        // Mean 10 clicks per session, 20 s apart: most gaps are short, and
        // every user with several sessions shows long ones.
        #expect(across > 500, "long gaps \(across)")
        #expect(Double(within) / Double(within + across) > 0.7, "short \(within), long \(across)")
    }
}
