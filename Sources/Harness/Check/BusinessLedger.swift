import Collections
import Delivery
import SimKernel
import Workloads

/// TheWorldShop's figures (`BusinessMetrics`), kept as the run goes.
///
/// Two streams meet here: the truth events, in arrival order, and the
/// visible running totals (what each SKU's page shows), in visibility order.
/// A shopper arriving at `t` sees every total visible at or before `t` and
/// none after, so the two are merged by time with a total first on a tie.
/// A total can be applied once no event still to come arrives before it
/// (events come in arrival order); an event can be judged once a total
/// visible after it has come, or at the end. Both queues hold only what
/// lies between the two streams' fronts, and both are bounded (issue 14):
/// the arrivals queue holds at most `maxHeldArrivals` and re-reads the rest
/// from the log's source (`SpilledQueue`), and totals visible at one instant
/// are merged per key (a nightly job makes its whole output visible at once).
struct BusinessLedger {
    struct Arrival {
        var key: Int32
        var isOrder: Bool
        var arrival: Instant
        var trueTotal: Double
    }

    /// The totals of one key made visible at one instant, merged: the last
    /// one, and whether any of them showed the key sold out. Applying them one
    /// by one has the same effect, since arrivals at that instant are judged
    /// only after all of them and earlier ones before the first.
    struct Change {
        var key: Int32
        var total: Double
        var time: Instant
        var showedSoldOut: Bool
    }

    let shop: ShopModel
    private var arrivals: SpilledQueue<Arrival>
    private var changes = Deque<Change>()
    /// Changes appended so far, and removed; with `changeOfKey`, where the
    /// change of a key at the newest instant is (sequence numbers).
    private var changesAppended = 0, changesRemoved = 0
    private var changeOfKey = KeyTable<Int>(initial: -1)
    private var lastArrival = Instant.min

    private var viewTotal = KeyTable<Double>(initial: 0)
    private var trueTotal = KeyTable<Double>(initial: 0)
    private var staleSince = KeyTable<Instant?>(initial: nil)
    private var staleUntil = KeyTable<Instant?>(initial: nil)
    /// The last time a sold-out total became visible, per key.
    private var lastSoldOutShown = KeyTable<Instant?>(initial: nil)
    private var oversold = 0

    private var decisions = 0, inTime = 0
    private var newestEventTime = Instant.min
    private var nextSample: Instant?
    private var sampleCount = 0, sampleSumMicros: Int64 = 0, sampleMaxMicros: Int64 = 0
    /// `BusinessMetrics`' bound on dashboard samples.
    static var maxSamples: Int { 1_000_000 }

    /// `derive` makes an arrival from a re-read record and its key's total.
    init(shop: ShopModel, maxHeldArrivals: Int = RunInput.defaultMaxHeldRecords, reopen: (() -> ArrivalSource)? = nil, kindSigns: [Double] = [],
         derive: @escaping (Event, Double) -> Arrival = { _, _ in preconditionFailure("nothing to re-read") }) {
        self.shop = shop
        arrivals = SpilledQueue(capacity: maxHeldArrivals, reopen: reopen, kindSigns: kindSigns, derive: derive)
    }

    /// The event at log offset `offset` arrived; `totalsBefore` are the
    /// keys' running totals before it (asked only when arrivals stop being held).
    mutating func arrived(key: Int32, isOrder: Bool, arrival: Instant, trueTotal: Double, offset: Int,
                          totalsBefore: @autoclosure () -> KeyTable<Double>) {
        lastArrival = arrival
        if nextSample == nil { nextSample = arrival }
        applyChanges(through: arrival)
        arrivals.append(Arrival(key: key, isOrder: isOrder, arrival: arrival, trueTotal: trueTotal), offset: offset,
                        totalsBefore: totalsBefore())
    }

    /// A running total became visible; `first` when its output's identity had not been seen.
    mutating func visible(key: Int32, total: Double, at time: Instant, latestEventTime: Instant, first: Bool) {
        if first {
            decisions += 1
            if (time - latestEventTime).micros <= shop.clearingMicros { inTime += 1 }
        }
        sampleDashboard(before: time)
        newestEventTime = Swift.max(newestEventTime, latestEventTime)
        judgeArrivals(before: time)
        let showsSoldOut = shop.initialStock + total <= 0
        let sequence = changeOfKey[key]
        if let last = changes.last, last.time == time, sequence >= changesRemoved, changes[sequence - changesRemoved].time == time {
            changes[sequence - changesRemoved].total = total
            changes[sequence - changesRemoved].showedSoldOut = changes[sequence - changesRemoved].showedSoldOut || showsSoldOut
        } else {
            changeOfKey[key] = changesAppended
            changesAppended += 1
            changes.append(Change(key: key, total: total, time: time, showedSoldOut: showsSoldOut))
        }
        applyChanges(through: lastArrival)
    }

    /// The simulation's clock reached `time` (`ArrivalObserver.clock`):
    /// every event arriving by then has been logged, and every total
    /// visible before then has come (an output is visible from the instant
    /// the sink shows it). So the events before `time` are judged now, each
    /// after the totals visible at or before its arrival, as the merge
    /// would later: the queue holds only what the clock has not passed. A
    /// nightly job shows nothing all day, so its whole day was held, then
    /// re-read at midnight (a quarter of its run, perf, issue 14).
    mutating func clockReached(_ time: Instant) {
        applyChanges(through: time - Duration(micros: 1))
        judgeArrivals(before: time)
    }

    /// Applies the totals visible at or before `time` (no event still to come arrives before them).
    private mutating func applyChanges(through time: Instant) {
        while let change = changes.first, change.time <= time {
            changes.removeFirst()
            changesRemoved += 1
            judgeArrivals(before: change.time)
            apply(change)
        }
    }

    /// Judges the events that arrived strictly before `time`, once every total visible by then is applied.
    private mutating func judgeArrivals(before time: Instant) {
        while let arrival = arrivals.first(), arrival.arrival < time, changes.first.map({ $0.time > arrival.arrival }) ?? true {
            arrivals.removeFirst()
            judge(arrival)
        }
    }

    private mutating func apply(_ change: Change) {
        viewTotal[change.key] = change.total
        guard change.showedSoldOut else { return }
        lastSoldOutShown[change.key] = change.time
        if let since = staleSince[change.key], staleUntil[change.key] == nil, change.time >= since {
            staleUntil[change.key] = change.time
        }
    }

    private mutating func judge(_ event: Arrival) {
        let key = event.key
        let shownInStock = shop.initialStock + viewTotal[key] > 0
        let trulyAvailable = shop.initialStock + trueTotal[key]
        if event.isOrder, shownInStock, trulyAvailable <= 0 { oversold += 1 }
        trueTotal[key] = event.trueTotal
        if shop.initialStock + event.trueTotal <= 0, staleSince[key] == nil {
            staleSince[key] = event.arrival
            // A sold-out total shown at that very instant ends the staleness at once.
            if lastSoldOutShown[key] == event.arrival { staleUntil[key] = event.arrival }
        }
    }

    /// The dashboard is sampled once per second from the first arrival; a
    /// sample at `t` sees the totals visible at or before `t`.
    private mutating func sampleDashboard(before time: Instant) {
        guard var sample = nextSample else { return }
        while sample < time, sampleCount < Self.maxSamples {
            if newestEventTime != .min { record((sample - newestEventTime).micros) }
            sample = sample + .seconds(1)
        }
        nextSample = sample
    }

    private mutating func record(_ micros: Int64) {
        sampleCount += 1
        sampleSumMicros += micros
        sampleMaxMicros = sampleCount == 1 ? micros : Swift.max(sampleMaxMicros, micros)
    }

    mutating func finish(firstArrival: Instant, finishedAt: Instant) -> BusinessMetrics {
        applyChanges(through: .max)
        // Bounded by the arrivals logged.
        while arrivals.first() != nil { judge(arrivals.removeFirst()) }
        // The queues' storage is not kept with the measurement.
        arrivals.releaseStorage()
        changes = Deque()
        if nextSample == nil { nextSample = firstArrival }
        // Samples at or before the end (the last one included).
        sampleDashboard(before: finishedAt + Duration(micros: 1))
        var positive: [Int64] = []
        var soldOut = 0
        staleSince.forEach { key, since in
            guard let since else { return }
            soldOut += 1
            let duration = Swift.max(0, ((staleUntil[key] ?? finishedAt) - since).micros)
            if duration > 0 { positive.append(duration) }
        }
        let fraction = decisions == 0 ? 0 : Double(inTime) / Double(decisions)
        return BusinessMetrics(
            unitsOversold: oversold, skusSoldOut: soldOut,
            skusShownInStockWhileSoldOut: positive.count, staleInStockMaxMicros: positive.max() ?? 0,
            staleInStockMeanMicros: positive.isEmpty ? 0 : positive.reduce(0, +) / Int64(positive.count),
            decisionsBeforeClearingFraction: fraction, dashboardStalenessMeanMicros: sampleCount == 0 ? 0 : sampleSumMicros / Int64(sampleCount),
            dashboardStalenessMaxMicros: sampleCount == 0 ? 0 : sampleMaxMicros)
    }
}
