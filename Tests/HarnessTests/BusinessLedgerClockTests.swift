import SimKernel
import Testing
@testable import Harness

/// The ledger judges the events the clock has passed (`clockReached`) as
/// the merge of arrivals and visible totals would judge them later: the
/// shop's figures do not depend on when, or whether, the clock is told.
@Suite struct BusinessLedgerClockTests {
    /// One instant of a run: totals made visible before the instant's
    /// arrivals are logged, the arrivals, then (maybe) the clock, then more
    /// totals at the same instant, as a pipeline's step can order them.
    struct Moment {
        var time: Instant
        var visibleBefore: [(key: Int32, total: Double)]
        var arrivals: [(key: Int32, isOrder: Bool, total: Double)]
        var visibleAfter: [(key: Int32, total: Double)]
    }

    /// A seeded run: a few keys selling out and restocking, totals shown
    /// late, several things at one instant.
    static func timeline(seed: UInt64) -> [Moment] {
        let random = RandomStream(root: seed, component: "ledger-clock")
        var trueTotals = [Double](repeating: 0, count: 4)
        var shown = [Double](repeating: 0, count: 4)
        var instants: [Moment] = []
        var time: Int64 = 1_000
        for _ in 0..<400 {
            time += Int64(random.nextIndex(below: 3)) * 250_000
            var instant = Moment(time: Instant(micros: time), visibleBefore: [], arrivals: [], visibleAfter: [])
            for _ in 0..<random.nextIndex(below: 3) {
                let key = random.nextIndex(below: 4)
                let isOrder = random.nextIndex(below: 3) != 0
                trueTotals[key] += isOrder ? -1 : 2
                instant.arrivals.append((Int32(key), isOrder, trueTotals[key]))
            }
            for _ in 0..<random.nextIndex(below: 3) {
                let key = random.nextIndex(below: 4)
                // A total that lags the truth (the view catches up).
                shown[key] = random.nextIndex(below: 2) == 0 ? trueTotals[key] : shown[key]
                if random.nextIndex(below: 2) == 0 {
                    instant.visibleBefore.append((Int32(key), shown[key]))
                } else {
                    instant.visibleAfter.append((Int32(key), shown[key]))
                }
            }
            instants.append(instant)
        }
        return instants
    }

    /// The figures of `timeline`, telling the clock at the instants `tells` picks.
    static func figures(_ timeline: [Moment], tells: (Int) -> Bool) -> BusinessMetrics {
        let shop = ShopModel(orderKind: 0, initialStock: 3, clearingMicros: 500_000)
        var ledger = BusinessLedger(shop: shop)
        var offset = 0
        var first = Set<Int32>()
        for (index, instant) in timeline.enumerated() {
            for shown in instant.visibleBefore {
                ledger.visible(key: shown.key, total: shown.total, at: instant.time, latestEventTime: instant.time,
                               first: first.insert(shown.key).inserted)
            }
            for arrival in instant.arrivals {
                ledger.arrived(key: arrival.key, isOrder: arrival.isOrder, arrival: instant.time, trueTotal: arrival.total,
                               offset: offset, totalsBefore: KeyTable(initial: 0))
                offset += 1
            }
            if tells(index) { ledger.clockReached(instant.time) }
            for shown in instant.visibleAfter {
                ledger.visible(key: shown.key, total: shown.total, at: instant.time, latestEventTime: instant.time,
                               first: first.insert(shown.key).inserted)
            }
        }
        let last = timeline.last!.time
        return ledger.finish(firstArrival: timeline[0].time, finishedAt: last + Duration(micros: 1_000_000))
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func theClockChangesNoFigure(seed: UInt64) {
        let timeline = Self.timeline(seed: seed)
        let lazily = Self.figures(timeline) { _ in false }
        // Something happened worth judging: orders against a stale view.
        #expect(lazily.skusSoldOut > 0 && lazily.unitsOversold > 0, "\(lazily)")
        #expect(Self.figures(timeline) { _ in true } == lazily)
        #expect(Self.figures(timeline) { $0.isMultiple(of: 7) } == lazily)
        #expect(Self.figures(timeline) { ($0 * 2_654_435_761 + Int(seed)) % 5 == 0 } == lazily)
    }
}
