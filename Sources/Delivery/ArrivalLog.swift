import Collections
import SimKernel
import Workloads

/// Where a run's input comes from: events in arrival order, pulled one at a
/// time. A materialized array and a live `StreamGenerator` are both sources;
/// the pipelines cannot tell them apart.
public protocol ArrivalSource: AnyObject {
    /// The next event in arrival order, or nil at the end of the input.
    func nextArrival() -> Event?
    /// A new source that delivers the same records from the first, or nil
    /// when this one cannot be read again. The log re-reads a span it no
    /// longer holds from such a copy.
    func reopened() -> ArrivalSource?
    /// Whether `reopened()` gives a copy (asked once, without making one).
    var isReopenable: Bool { get }
    /// Appends the next records to `batch` until it holds `capacity` or the
    /// input ends; false once it has ended. The same records, in the same
    /// order, as `nextArrival` one at a time: a reader that fills batches
    /// asks once per batch instead of once per record.
    func nextArrivals(into batch: inout [Event], capacity: Int) -> Bool
    /// The next records, at most `maxCount` (at least one), in storage the
    /// caller may keep; nil at the end of the input. The same records, in
    /// the same order, as `nextArrival`: a source that holds its records in
    /// chunks hands them out without a copy (`SharedLogPass`).
    func nextRun(maxCount: Int) -> EventRun?
}

extension ArrivalSource {
    public func reopened() -> ArrivalSource? { nil }
    public var isReopenable: Bool { false }

    public func nextArrivals(into batch: inout [Event], capacity: Int) -> Bool {
        // Bounded by `capacity`.
        while batch.count < capacity {
            guard let event = nextArrival() else { return false }
            batch.append(event)
        }
        return true
    }

    public func nextRun(maxCount: Int) -> EventRun? {
        precondition(maxCount > 0, "a run holds at least one record")
        var batch: [Event] = []
        batch.reserveCapacity(maxCount)
        _ = nextArrivals(into: &batch, capacity: maxCount)
        guard !batch.isEmpty else { return nil }
        return EventRun(EventChunk(batch), 0..<batch.count)
    }
}

/// A source read in runs of records: `next()` gives them one at a time,
/// but the source is asked once per run (`nextArrivals`), not once per
/// record through the protocol (a fifth of a run's reading, perf, issue
/// 14). The checker's re-reading uses it (`TruthReader`); the log takes
/// whole runs by reference instead (`nextRun`).
public struct ReadAhead {
    public let source: ArrivalSource
    private var batch: [Event] = []
    private var index = 0
    private var sourceEnded = false
    public static var runRecords: Int { 256 }

    public init(_ source: ArrivalSource) {
        self.source = source
        batch.reserveCapacity(Self.runRecords)
    }

    /// The next record, or nil at the end of the source.
    public mutating func next() -> Event? {
        if index == batch.count {
            guard !sourceEnded else { return nil }
            batch.removeAll(keepingCapacity: true)
            index = 0
            sourceEnded = !source.nextArrivals(into: &batch, capacity: Self.runRecords)
            guard !batch.isEmpty else { return nil }
        }
        index += 1
        return batch[index - 1]
    }
}

/// An array of events in arrival order, as a source.
public final class ArrayArrivalSource: ArrivalSource {
    let events: [Event]
    // Stored properties skip the runtime exclusivity checks (as `Simulation`
    // and `StreamGenerator` do): single-threaded, and no method hands out an
    // inout access that another re-enters; the checks were ~30 % of a crash
    // run's instructions in callgrind (issue 14).
    @exclusivity(unchecked) var index = 0

    public init(_ events: [Event]) { self.events = events }

    /// The same array (shared, not copied), from its start.
    public func reopened() -> ArrivalSource? { ArrayArrivalSource(events) }
    public var isReopenable: Bool { true }

    public func nextArrival() -> Event? {
        guard index < events.count else { return nil }
        defer { index += 1 }
        return events[index]
    }
}

/// Told what the source delivers and which input can no longer produce
/// output: the harness's streaming checker listens here.
public protocol ArrivalObserver: AnyObject {
    /// The record at merged offset `position` entered the log (each record once, in order).
    func logged(_ event: Event, at position: Int)
    /// The simulation's clock is at `time`: every record arriving by then
    /// has been logged, and whatever the run does from here on (a sink
    /// making an output visible) happens at `time` or later. Told now and
    /// then as the clock moves (`ArrivalLog.clockInterval`), not at every step.
    func clock(_ time: Instant)
}

extension ArrivalObserver {
    public func clock(_ time: Instant) {}
}

/// The source log as the pipelines read it, consumed in arrival order.
///
/// A consumer that merges its partitions by arrival time reads a prefix of the
/// arrival-ordered stream, so its position over all partitions is one number:
/// how many records of the merged stream it has read. Checkpoints, the offset
/// log and the consumer group store that number.
///
/// Nothing here keeps the stream (issue 14, "Nothing materializes the
/// stream"): records are pulled from the source as simulated time reaches
/// their arrival, and kept only while a replay could still read them. The run
/// calls `release(before:)` with the oldest offset a restore can seek back to
/// (the last complete checkpoint's, the last committed batch's end, or the
/// read position when nothing is replayed), and everything before it is
/// dropped. Reading a released offset is a programming error. The log's
/// semantics are unchanged: every offset a replay seeks to is still there.
///
/// A restore point can lag far behind: a nightly job replays from its last
/// committed run, which is the whole input before the first. So the log holds
/// at most `maxHeldRecords` (its memory is whole runs of the source's, so up
/// to one run more); older records that a replay may still read are
/// re-read from a reopened copy of the source (a generator started again from
/// its seed delivers the same records), in order, through `cursor`. A
/// replay reads its span in order, so each record of it costs one
/// regeneration; a replay that starts before the cursor starts it again.
final class ArrivalLog {
    private let source: ArrivalSource
    /// Held strongly (the checker never refers back to the log): a weak
    /// load cost a retain and a release per record.
    private let observer: ArrivalObserver?
    /// The records the log keeps, in the runs the source gave them
    /// (`nextRun`), by reference: each run with its first offset. They
    /// cover `heldBase..<pulledCount` (the first may start before
    /// `heldBase`; the last may hold records not yet pulled). A run shared
    /// with other logs (`SharedLogPass`) is not copied.
    @exclusivity(unchecked) private var runs = Deque<(start: Int, run: EventRun)>()
    /// The end of the first run while there is a later one (else `Int.max`):
    /// once `heldBase` reaches it, the first run is dropped.
    @exclusivity(unchecked) private var firstRunEnd = Int.max
    /// The last run and how many of its records were pulled.
    @exclusivity(unchecked) private var tail = UnsafeBufferPointer<Event>(start: nil, count: 0)
    @exclusivity(unchecked) private var tailPulled = 0
    /// The run `event(at:)` read from last, and its first offset: reads
    /// come in order, so this is nearly always the one.
    @exclusivity(unchecked) private var lastRead = (start: 0, events: UnsafeBufferPointer<Event>(start: nil, count: 0))
    /// Offsets before `base` were released; `base..<heldBase` are re-read.
    @exclusivity(unchecked) private(set) var base = 0
    @exclusivity(unchecked) private var heldBase = 0
    let maxHeldRecords: Int
    /// Whether records can be dropped before their release (the source can
    /// be read again from its start).
    private let canReread: Bool
    /// A reopened source and the offset of the record it delivers next.
    @exclusivity(unchecked) private var cursor: (source: ArrivalSource, position: Int)?
    @exclusivity(unchecked) private var lastReread: (position: Int, event: Event)?
    /// Records pulled from the source so far (the log's end offset as known).
    @exclusivity(unchecked) private(set) var pulledCount = 0
    /// Records with arrival <= `arrivedTime`, among the pulled ones.
    @exclusivity(unchecked) private var arrivedIndex = 0
    @exclusivity(unchecked) private var arrivedTime = Instant.min
    /// The arrival of record `arrivedIndex` once read: the clock asks far
    /// more often than a record arrives, and this answers it without a
    /// look-up in the log (perf, issue 14).
    @exclusivity(unchecked) private var nextArrival: Instant?
    /// When the observer is next told the clock (`ArrivalObserver.clock`).
    @exclusivity(unchecked) private var nextClockTell = Instant.min
    /// How often, in simulated time, the observer is told the clock.
    static var clockInterval: Duration { Duration(micros: 100_000) }
    /// True once the source has no more records.
    @exclusivity(unchecked) private(set) var exhausted = false
    @exclusivity(unchecked) private(set) var firstArrival: Instant?
    @exclusivity(unchecked) private(set) var lastArrival: Instant = .zero
    /// The most records held at once: the retention high-water mark.
    @exclusivity(unchecked) private(set) var peakRetained = 0

    init(source: ArrivalSource, observer: ArrivalObserver? = nil, maxHeldRecords: Int) {
        precondition(maxHeldRecords > 0, "the log holds at least one record")
        self.source = source
        self.observer = observer
        self.maxHeldRecords = maxHeldRecords
        canReread = source.isReopenable
        _ = pull()
    }

    /// The most records the log asks its source for at once.
    static var runRecords: Int { SharedLogPass.defaultChunkSize }

    /// Pulls one more record; false at the end of the input. The source is
    /// asked for runs of records (`nextRun`: once per run, not once per
    /// record, and no copy of a shared run); the records still enter the
    /// log, and reach the observer, one at a time.
    private func pull() -> Bool {
        guard !exhausted else { return false }
        if tailPulled == tail.count {
            guard let run = source.nextRun(maxCount: Self.runRecords) else {
                exhausted = true
                return false
            }
            if runs.count == 1 { firstRunEnd = runs[0].start + runs[0].run.events.count }
            runs.append((pulledCount, run))
            tail = run.events
            tailPulled = 0
        }
        let event = tail[tailPulled]
        tailPulled += 1
        precondition(event.arrivalTime >= lastArrival || pulledCount == 0, "events must be in arrival order")
        if firstArrival == nil { firstArrival = event.arrivalTime }
        lastArrival = event.arrivalTime
        if pulledCount + 1 - heldBase > maxHeldRecords, canReread {
            heldBase += 1
            if heldBase >= firstRunEnd { dropReleasedRuns() }
        }
        peakRetained = Swift.max(peakRetained, pulledCount + 1 - heldBase)
        observer?.logged(event, at: pulledCount)
        pulledCount += 1
        return true
    }

    /// Drops the runs wholly before `heldBase` (never the last, which the
    /// source reads on from).
    private func dropReleasedRuns() {
        // Bounded by the runs held.
        while runs.count > 1, runs[0].start + runs[0].run.events.count <= heldBase { runs.removeFirst() }
        firstRunEnd = runs.count > 1 ? runs[0].start + runs[0].run.events.count : Int.max
        // The run read last may be gone: it is found again on the next read.
        lastRead = (0, UnsafeBufferPointer(start: nil, count: 0))
    }

    /// How many records have arrived by `time` (the log end offset, merged).
    /// `time` is the simulation's clock (every caller asks at `now`), and
    /// times only move forward in a run, so this is amortized O(1); the
    /// observer is told the clock from here.
    func arrivedCount(by time: Instant) -> Int {
        if time < arrivedTime { return countArrived(by: time) }
        arrivedTime = time
        // Bounded: each pass takes a pulled record, reads the next one's
        // arrival, or pulls one (whose arrival is then known without a
        // look-up in the log: the record just pulled is the next one).
        while true {
            if let next = nextArrival {
                guard next <= time else { break }
                arrivedIndex += 1
                nextArrival = nil
            } else if arrivedIndex < pulledCount {
                nextArrival = event(at: arrivedIndex).arrivalTime
            } else if pull() {
                nextArrival = lastArrival
            } else {
                break
            }
        }
        if let observer, time >= nextClockTell {
            nextClockTell = time + Self.clockInterval
            observer.clock(time)
        }
        return arrivedIndex
    }

    /// The same count for an earlier time (never needed by the runs' forward
    /// clock, kept exact for any caller): a search of the retained records.
    private func countArrived(by time: Instant) -> Int {
        var low = base, high = arrivedIndex
        while low < high {
            let mid = (low + high) / 2
            if event(at: mid).arrivalTime <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether offset `position` exists (pulling it if needed).
    func hasRecord(at position: Int) -> Bool {
        while position >= pulledCount { if !pull() { return false } }
        return true
    }

    /// Whether `count` is the whole input (the source is exhausted there).
    func isEnd(_ count: Int) -> Bool { !hasRecord(at: count) }

    /// Whether any record arrives at or after `time`.
    func hasArrival(atOrAfter time: Instant) -> Bool {
        _ = arrivedCount(by: time)
        return hasRecord(at: arrivedIndex) || (pulledCount > 0 && lastArrival >= time)
    }

    /// The record at merged offset `position` (pulled and not released).
    @inline(__always) func event(at position: Int) -> Event {
        precondition(position >= base, "offset \(position) was released (retained from \(base))")
        if position >= pulledCount { precondition(hasRecord(at: position), "offset \(position) is past the end") }
        guard position >= heldBase else { return reread(position) }
        let index = position &- lastRead.start
        if index >= 0, index < lastRead.events.count { return lastRead.events[index] }
        return heldEvent(at: position)
    }

    /// A held record outside the run read last: the last run (a record
    /// just arrived) or a search of the runs; that run is read next.
    private func heldEvent(at position: Int) -> Event {
        var low = 0, high = runs.count - 1
        if position >= runs[high].start {
            low = high
        } else {
            // The last run starting at or before `position`; bounded by log2(runs).
            while low < high {
                let mid = (low + high + 1) / 2
                if runs[mid].start <= position { low = mid } else { high = mid - 1 }
            }
        }
        let found = runs[low]
        precondition(position >= found.start && position < found.start + found.run.events.count, "offset \(position) is not held")
        lastRead = (found.start, found.run.events)
        return found.run.events[position - found.start]
    }

    /// The records `range`, read in order as a batch reads them (nothing is copied).
    func records(in range: Range<Int>) -> LogRecords {
        precondition(range.isEmpty || (range.lowerBound >= base && hasRecord(at: range.upperBound - 1)), "offsets \(range) not retained")
        return LogRecords(log: self, range: range)
    }

    /// No restore will seek before `position`: the records before it are dropped.
    func release(before position: Int) {
        let released = Swift.min(position, pulledCount)
        guard released > base else { return }
        base = released
        guard released > heldBase else { return }
        heldBase = released
        if heldBase >= firstRunEnd { dropReleasedRuns() }
    }

    // MARK: Re-reading

    /// A record the log no longer holds, from the reopened source: the next
    /// one when the replay reads in order, else after reading up to it.
    private func reread(_ position: Int) -> Event {
        // A reader asks for the record it just read again (the record
        // engine reads a record, then its availability).
        if let last = lastReread, last.position == position { return last.event }
        if cursor == nil || cursor!.position > position {
            guard let copy = source.reopened() else { preconditionFailure("offset \(position) dropped from a source that cannot be reopened") }
            cursor = (copy, 0)
        }
        // Bounded by `position`: each pass reads one record.
        while true {
            guard let event = cursor!.source.nextArrival() else { preconditionFailure("the reopened source ended before offset \(position)") }
            let offset = cursor!.position
            cursor!.position += 1
            if offset == position {
                lastReread = (position, event)
                return event
            }
        }
    }
}

/// A span of the log as a batch reads it: in order, one record at a time,
/// from the log's memory or re-read from its source.
struct LogRecords: RandomAccessCollection {
    let log: ArrivalLog
    let range: Range<Int>

    var startIndex: Int { range.lowerBound }
    var endIndex: Int { range.upperBound }
    subscript(position: Int) -> Event { log.event(at: position) }
}
