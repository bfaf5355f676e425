import Collections
import Dataflow
import Delivery
import Engines
import SimKernel
import Workloads

/// The harness's streaming checker (issue 14, "the oracle itself streams"):
/// it watches the log's records enter and the sink's outputs become visible,
/// and keeps the triad's correctness, latency and business figures without
/// keeping the stream.
///
/// What it computes is what `Oracle.delivery` + `CorrectnessReport` +
/// `FirstVisibility` + `BusinessMetrics` computed from a materialized run,
/// to the byte (the pinned report digests did not move):
/// - per event: the key's running total over the truth (each event once, in
///   log order) is the expected value; an event is lost with no visible
///   output, duplicated per extra visible copy (not in an upsert sink), wrong
///   when its last visible value differs;
/// - per tumbling window: the count of its truth events, against the last
///   visible value, with missing and duplicated copies;
/// - latency from each identity's first visibility (Karimov et al.);
/// - the shop's figures, from a merge of the truth events (by arrival) and
///   the visible running totals (by visibility time; a total visible at the
///   instant an event arrives is the one its shopper sees).
///
/// Memory: an event's bookkeeping lives from its arrival until no restore
/// can replay it (`finalized(before:)`, from the run), so it holds the
/// replayable span, not the stream. A span longer than `maxHeldEvents` (a
/// nightly job replays from its last committed run: the whole input before
/// the first) is not held past that many: the later events' facts are
/// re-read in log order from a reopened copy of the source (`TruthReader`),
/// when an output for one is published and when it is settled, and only
/// their output copies are kept (a byte each, `CopyCounts`). Windows are
/// kept to the end (there are far fewer of them than events). With a plain
/// (non-idempotent) producer a retried copy may come at any later offset,
/// so then per-event bookkeeping is kept for the whole run.
public final class StreamingCheck: ArrivalObserver, RetentionObserver {
    /// A held event's facts; its copies are the table's mark (`CopyByte`),
    /// and its arrival is in `positions`.
    struct EventEntry {
        var expected: Double
        var eventTimeMicros: Int64

        static var vacant: EventEntry { EventEntry(expected: 0, eventTimeMicros: 0) }
    }

    /// An event in settling order: held (its entry is in `entries`) or
    /// re-read (its copies are in `coldCopies`).
    struct Pending {
        var id: UInt64
        var arrivalMicros: Int64
        var isCold: Bool
    }

    /// A window's outputs; its truth count is in `truth`.
    struct WindowEntry {
        var copies = 0
        var lastValue: Double = 0
    }

    let query: QuerySettings
    let shop: ShopModel
    let sinkKind: SinkKind
    /// A batch job re-emits its whole result table each run (complete mode):
    /// a window row again is an update of the table, not a duplicate.
    let windowsAreTable: Bool
    /// Whether the log may hold an id twice (a plain producer's retries).
    let logMayRepeat: Bool
    let collectsMarks: Bool
    /// False on processing time, where a window's content depends on when
    /// the engine ran: then no window is expected, and only the copies and
    /// the events counted over all windows are reported.
    let expectsWindows: Bool
    let windowSizeMicros: Int64
    /// For the invariant messages.
    let engineName: String

    /// The ids seen, when the log may repeat one (the first copy is the truth).
    // Stored properties skip the runtime exclusivity checks (as `Simulation`
    // and `StreamGenerator` do): single-threaded, and no method hands out an
    // inout access that another re-enters; the checks were ~30 % of a crash
    // run's instructions in callgrind (issue 14).
    @exclusivity(unchecked) private var truthIDs = Set<UInt64>()
    @exclusivity(unchecked) private var entries = IDTable<EventEntry>(vacant: .vacant)
    /// Copies past what a held event's mark counts.
    @exclusivity(unchecked) private var manyCopies: [UInt64: UInt32] = [:]
    /// The truth event at each log offset from `positionsBase` on (`copyMarker` for a repeat).
    @exclusivity(unchecked) private var positions: SpilledQueue<Pending>
    @exclusivity(unchecked) private var positionsBase = 0
    /// Re-reads the unheld span to find a published event's truth.
    @exclusivity(unchecked) private var publishReader: TruthReader?
    @exclusivity(unchecked) private var coldCopies = CopyCounts()
    private let reopen: (() -> ArrivalSource)?
    /// Records logged so far.
    @exclusivity(unchecked) private var loggedCount = 0
    private static var copyMarker: UInt64 { .max }
    @exclusivity(unchecked) private var runningTotal = KeyTable<Double>(initial: 0)
    /// The outputs of each window.
    @exclusivity(unchecked) private var windows = WindowTable<WindowEntry>(vacant: WindowEntry())
    /// The truth count of each window: this check's own, or one counted
    /// once for all the runs of a shared pass (`ownsTruth` false).
    private let truth: WindowTruth
    private let ownsTruth: Bool
    /// Partitions (bit per partition) each key was written to: what compaction keeps.
    @exclusivity(unchecked) private var partitionsOfKey = KeyTable<UInt8>(initial: 0)

    /// Events in the truth (each id once).
    @exclusivity(unchecked) public private(set) var truthCount = 0
    @exclusivity(unchecked) private var lost = 0, duplicated = 0, wrong = 0
    @exclusivity(unchecked) public private(set) var eventTime = LatencyRecorder()
    @exclusivity(unchecked) public private(set) var processingTime = LatencyRecorder()
    @exclusivity(unchecked) public private(set) var windowEventTime = LatencyRecorder()
    /// Arrival of lost events (truth order) and visibility of duplicates,
    /// for the crash timeline; only with `collectsMarks`. One mark per 0.1 s
    /// since the first arrival (the first in it): the chart draws one dot
    /// per 0.1 s, and one mark per event grew with the stream (issue 14: a
    /// 289 MB report.json at 10 M events).
    @exclusivity(unchecked) public private(set) var lostArrivals: [Instant] = []
    @exclusivity(unchecked) public private(set) var duplicateTimes: [Instant] = []
    @exclusivity(unchecked) private var lastLostTenth = Int64.min, lastDuplicateTenth = Int64.min
    @exclusivity(unchecked) private var firstArrival: Instant?

    @exclusivity(unchecked) var business: BusinessLedger
    /// The figures a run's report shows (`Figures`).
    let measuresBusiness: Bool
    let measuresLatency: Bool
    let measuresEvents: Bool
    let measuresWindows: Bool
    let measuresCompaction: Bool

    /// What a check measures. A run measures only what its report prints:
    /// the ledger was a sixth of the checker's work, and the latency
    /// histograms a tenth of what is left (callgrind, issue 14); a chart
    /// point of `compare` that reads one figure of a run measures that
    /// one (the watermark sweep reads window completeness alone, and the
    /// per-event bookkeeping was most of its checker). A figure left out
    /// reads as an empty histogram's, ledger's or tally's (zero); nothing
    /// else changes.
    public struct Figures: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Event-time and processing-time latency (with `.events`) and
        /// window latency (with `.windows`): `compare`'s rows and charts.
        public static let latency = Figures(rawValue: 1)
        /// The shop's figures (`compare`'s triad rows); needs `.events`.
        public static let business = Figures(rawValue: 2)
        /// Per-event verdicts: lost, duplicated, wrong.
        public static let events = Figures(rawValue: 4)
        /// Per-window verdicts: correct, wrong, missing, duplicated.
        public static let windows = Figures(rawValue: 8)
        /// What a compacted copy of the log would keep (`compactedCount`,
        /// `crash`'s retention line): a bit per key and partition.
        public static let compaction = Figures(rawValue: 16)
        /// Both verdicts.
        public static let correctness: Figures = [.events, .windows]
        public static let all: Figures = [.latency, .business, .events, .windows, .compaction]
    }

    /// `reopen` gives a new copy of the run's source, from which the
    /// checker re-reads what it does not hold (nil: it holds everything).
    /// `windowTruth` is the windows' truth counted by the pass the run
    /// reads (nil: the check counts its own); only for a log that holds
    /// each id once.
    public init(query: QuerySettings, shop: ShopModel, engine: DeliveryEngine, logMayRepeat: Bool, collectsMarks: Bool = false,
                expectsWindows: Bool = true, reopen: (() -> ArrivalSource)? = nil, maxHeldEvents: Int = RunInput.defaultMaxHeldRecords,
                figures: Figures = .all, windowTruth: WindowTruth? = nil) {
        precondition(windowTruth == nil || !logMayRepeat, "a shared window truth counts every record: the log must hold each id once")
        precondition(windowTruth.map { $0.windowSizeMicros == query.windowSizeMicros } ?? true, "the shared truth counts other windows")
        truth = windowTruth ?? WindowTruth(windowSizeMicros: query.windowSizeMicros)
        ownsTruth = windowTruth == nil
        precondition(!figures.contains(.business) || figures.contains(.events), "the shop's figures follow the events")
        measuresBusiness = figures.contains(.business)
        measuresLatency = figures.contains(.latency)
        measuresEvents = figures.contains(.events)
        measuresWindows = figures.contains(.windows)
        measuresCompaction = figures.contains(.compaction)
        self.expectsWindows = expectsWindows
        self.query = query
        self.shop = shop
        sinkKind = engine.guarantee.sinkKind
        engineName = "\(engine.name) \(engine.guarantee.rawValue)"
        windowsAreTable = engine.model == .batch
        self.logMayRepeat = logMayRepeat
        self.collectsMarks = collectsMarks
        windowSizeMicros = query.windowSizeMicros
        // A plain producer's repeats are judged against the first copy, which
        // may be far back: then everything is held.
        self.reopen = logMayRepeat ? nil : reopen
        let orderKind = shop.orderKind
        positions = SpilledQueue(capacity: maxHeldEvents, reopen: self.reopen, kindSigns: query.kindSigns) { event, _ in
            Pending(id: event.id, arrivalMicros: event.arrivalTime.micros, isCold: true)
        }
        business = BusinessLedger(shop: shop, maxHeldArrivals: maxHeldEvents, reopen: self.reopen, kindSigns: query.kindSigns) { event, total in
            BusinessLedger.Arrival(key: event.key, isOrder: event.kind == orderKind, arrival: event.arrivalTime, trueTotal: total)
        }
    }

    /// The sink that reports to this checker. It holds the checker strongly:
    /// the checker never holds its sinks, so there is no cycle, and an
    /// `unowned` capture paid a checked strong retain and a release on every
    /// output (`swift_unownedRetainStrong`, 3 % of `compare`, perf).
    public func makeSink() -> DeliverySink {
        TransactionalSink(kind: sinkKind) { output, time, _ in self.published(output, at: time) }
    }

    // MARK: The log

    public func logged(_ event: Event, at position: Int) {
        precondition(position == loggedCount && position == positionsBase + positions.count, "records are logged once, in order")
        loggedCount += 1
        if firstArrival == nil { firstArrival = event.arrivalTime }
        if measuresCompaction {
            let partition = UInt32(bitPattern: event.partition) % UInt32(DeliveryRunConfiguration.logPartitionCount)
            partitionsOfKey[event.key] |= UInt8(1) << partition
        }
        guard !logMayRepeat || truthIDs.insert(event.id).inserted else {
            if measuresEvents {
                positions.append(Pending(id: Self.copyMarker, arrivalMicros: 0, isCold: false), offset: position, totalsBefore: runningTotal)
            } else {
                positionsBase += 1
            }
            return
        }
        truthCount += 1
        if expectsWindows, measuresWindows, ownsTruth { truth.count(event) }
        // With no per-event verdicts, no event is held (the offsets move on).
        guard measuresEvents else {
            positionsBase += 1
            return
        }
        let total = runningTotal[event.key] + KeyedTotalsOperator.sign(of: event, kindSigns: query.kindSigns) * event.value
        // Both queues are given the totals before this event, in case they
        // stop holding here.
        positions.append(Pending(id: event.id, arrivalMicros: event.arrivalTime.micros, isCold: false), offset: position,
                         totalsBefore: runningTotal)
        if measuresBusiness {
            business.arrived(key: event.key, isOrder: event.kind == shop.orderKind, arrival: event.arrivalTime, trueTotal: total,
                             offset: position, totalsBefore: runningTotal)
        }
        if !positions.isSpilling {
            entries.insert(EventEntry(expected: total, eventTimeMicros: event.eventTime.micros), mark: CopyByte.noCopies, for: event.id)
        }
        runningTotal[event.key] = total
    }

    /// The clock moved on: the ledger judges the events it has passed.
    public func clock(_ time: Instant) {
        if measuresBusiness { business.clockReached(time) }
    }

    /// Records before `position` can never be replayed: their events' verdicts are final.
    public func finalized(before position: Int) {
        guard !logMayRepeat else { return }
        if position >= positionsBase + positions.count {
            settleAll()
            return
        }
        // Bounded by the records logged.
        while positionsBase < position, positions.first() != nil {
            settle(positions.removeFirst())
            positionsBase += 1
        }
    }

    /// Settles every event logged so far. The held ones one by one; the
    /// ones not held without re-reading them where their order does not
    /// matter: their copies are all in `coldCopies` (an output for a
    /// settled event is refused, so it holds exactly the unsettled cold
    /// events with a copy), and the rest of them are lost. Lost, duplicated
    /// and wrong are counts; only the lost events' arrival marks need the
    /// events in order, so the span is re-read only when marks are kept
    /// and some event of it was lost. (A nightly job's checker re-read its
    /// whole day here, a fifth of its run, perf, issue 14.)
    private func settleAll() {
        // Bounded by the records held.
        while positions.heldCount > 0 {
            settle(positions.removeFirst())
            positionsBase += 1
        }
        guard positions.isSpilling else { return }
        let lostCold = positions.spilledCount - coldCopies.count
        precondition(lostCold >= 0, "\(engineName): more events with copies than events not held")
        guard !collectsMarks || lostCold == 0 else {
            // Bounded by the records logged.
            while positions.first() != nil {
                settle(positions.removeFirst())
                positionsBase += 1
            }
            return
        }
        coldCopies.removeAll { copies, lastWrong in tally(copies: copies, lastWrong: lastWrong, arrivalMicros: 0) }
        lost += lostCold
        positionsBase += positions.dropSpilled()
    }

    private func settle(_ pending: Pending) {
        guard pending.id != Self.copyMarker else { return }
        guard !pending.isCold else {
            let (copies, lastWrong) = coldCopies.remove(pending.id)
            tally(copies: copies, lastWrong: lastWrong, arrivalMicros: pending.arrivalMicros)
            return
        }
        guard let mark = entries.remove(pending.id) else { preconditionFailure("event \(pending.id) settled twice") }
        let (copies, lastWrong) = CopyByte.take(mark, id: pending.id, many: &manyCopies)
        tally(copies: copies, lastWrong: lastWrong, arrivalMicros: pending.arrivalMicros)
    }

    /// An event's verdict: lost, duplicated, wrong (by its last copy), or right.
    private func tally(copies: UInt32, lastWrong: Bool, arrivalMicros: Int64) {
        let entry = (copies: copies, lastWrong: lastWrong, arrivalMicros: arrivalMicros)
        if entry.copies == 0 {
            lost += 1
            if collectsMarks { Self.mark(Instant(micros: entry.arrivalMicros), in: &lostArrivals, last: &lastLostTenth, from: firstArrival) }
            return
        }
        if sinkKind != .upsert { duplicated += Int(entry.copies) - 1 }
        if entry.lastWrong { wrong += 1 }
    }

    /// Keeps `time` when it starts a new 0.1 s (as the timeline counts
    /// seconds from the first arrival); marks come in time order, so that is
    /// the first of each.
    private static func mark(_ time: Instant, in marks: inout [Instant], last: inout Int64, from start: Instant?) {
        let tenth = Int64((CompareRun.seconds(time, from: start ?? time) * 10).rounded())
        guard tenth != last else { return }
        precondition(tenth > last, "marks come in time order")
        last = tenth
        marks.append(time)
    }

    /// The truth of an event that is not held, re-read from the span that is
    /// not: in order, so a batch's outputs (which follow the log) cost one
    /// record each; an output behind the reader (a replay) starts it again.
    private func coldTruth(of id: UInt64) -> (expected: Double, eventTimeMicros: Int64)? {
        // Where the events stopped being held, while some are unsettled (the
        // publish reader stays between such spans).
        guard let mark = positions.mark, let reopen else { return nil }
        // A reader kept from an earlier span moves on to this one.
        if let position = publishReader?.position, position <= mark.offset { publishReader!.advance(to: mark.offset) }
        // Bounded: the rest of the span, then (from its start) all of it.
        for pass in 0..<2 {
            if publishReader == nil || pass == 1 || publishReader!.position < mark.offset {
                if pass == 1, publishReader?.position == mark.offset { break }
                publishReader = TruthReader(reopening: reopen, at: mark, kindSigns: query.kindSigns)
            }
            while publishReader!.position < loggedCount {
                let (event, expected) = publishReader!.next()
                if event.id == id { return (expected, event.eventTime.micros) }
            }
        }
        return nil
    }

    // MARK: The sink

    func published(_ output: PipelineOutput, at time: Instant) {
        switch output.identity.kind {
        case .perEvent:
            guard measuresEvents else { return }
            var first = false
            let id = output.identity.eventID
            let found = entries.update(id) { entry, mark in
                let counted = CopyByte.adding(to: mark, wrong: output.value != entry.expected, id: id, many: &manyCopies)
                mark = counted.byte
                if counted.copies == 1 {
                    first = true
                    if measuresLatency {
                        eventTime.record(micros: time.micros - entry.eventTimeMicros)
                        processingTime.record(micros: (time - output.latestArrivalTime).micros)
                    }
                }
            }
            if !found {
                guard let truth = coldTruth(of: output.identity.eventID) else {
                    preconditionFailure("\(engineName): an output for event \(output.identity.eventID), which no replay can produce (settled before \(positionsBase), \(truthCount) logged, at \(time))")
                }
                if coldCopies.add(output.identity.eventID, wrong: output.value != truth.expected) == 1 {
                    first = true
                    if measuresLatency {
                        eventTime.record(micros: time.micros - truth.eventTimeMicros)
                        processingTime.record(micros: (time - output.latestArrivalTime).micros)
                    }
                }
            }
            if !first, collectsMarks, sinkKind != .upsert {
                Self.mark(time, in: &duplicateTimes, last: &lastDuplicateTenth, from: firstArrival)
            }
            if measuresBusiness {
                business.visible(key: output.key, total: output.value, at: time, latestEventTime: output.latestEventTime, first: first)
            }
        case .window:
            guard measuresWindows else { return }
            var first = false
            windows.update(key: output.identity.key, startMicros: output.identity.windowStartMicros, initial: WindowEntry()) { entry in
                entry.copies += 1
                entry.lastValue = output.value
                first = entry.copies == 1
            }
            if first, measuresLatency { windowEventTime.record(micros: (time - output.latestEventTime).micros) }
        }
    }

    // MARK: The verdict

    /// Settles everything left once the run is over.
    public func finish(_ result: DeliveryRunResult) -> (RunMetrics, BusinessMetrics) {
        settleAll()
        precondition(coldCopies.count == 0, "\(engineName): outputs for \(coldCopies.count) events no replay can produce")
        var correct = 0, windowWrong = 0, missing = 0, windowDuplicated = 0
        let countsDuplicates = !windowsAreTable && sinkKind != .upsert
        if !measuresWindows {
            // Not measured: every window figure reads zero.
        } else if expectsWindows {
            precondition(ownsTruth || truth.isComplete, "\(engineName): the run ended before the shared pass read the whole log")
            // Each truth window against its outputs; a window with outputs
            // and no truth event is not judged.
            truth.counts.forEach { key, startMicros, expected in
                let outputs = windows.entry(key: key, startMicros: startMicros) ?? WindowEntry()
                if countsDuplicates { windowDuplicated += Swift.max(0, outputs.copies - 1) }
                if outputs.copies == 0 {
                    missing += 1
                } else if outputs.lastValue == expected {
                    correct += 1
                } else {
                    windowWrong += 1
                }
            }
        } else if countsDuplicates {
            for outputs in windows.values { windowDuplicated += Swift.max(0, outputs.copies - 1) }
        }
        let correctness = CorrectnessReport(
            eventsLost: lost, eventsDuplicated: duplicated, eventValuesWrong: wrong, windowsCorrect: correct,
            windowsWrong: windowWrong, windowsMissing: missing, windowsDuplicated: windowDuplicated)
        let metrics = RunMetrics(result: result, correctness: correctness, eventTime: eventTime, processingTime: processingTime,
                                 windowEventTime: windowEventTime)
        windowedEventCount = Int(windows.values.reduce(0) { $0 + $1.lastValue })
        // Everything is settled: the run's measurement keeps only the
        // histograms, marks and per-key compaction bits, not the tables.
        entries = IDTable(vacant: .vacant)
        manyCopies = [:]
        windows = WindowTable(vacant: WindowEntry())
        if ownsTruth { truth.clear() }
        truthIDs = []
        runningTotal = KeyTable(initial: 0)
        positions.releaseStorage()
        publishReader = nil
        return (metrics, business.finish(firstArrival: result.firstArrival, finishedAt: result.finishedAt))
    }

    /// The events counted over all windows, each window at its last visible
    /// value (set by `finish`).
    public private(set) var windowedEventCount = 0

    /// Records a compacted copy of the log would keep: the latest per key in
    /// each partition (0 unless the check measures `.compaction`).
    public var compactedCount: Int {
        var count = 0
        partitionsOfKey.forEach { _, mask in count += mask.nonzeroBitCount }
        return count
    }
}
