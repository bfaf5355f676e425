import Collections
import SimKernel
import Workloads

/// Where a run's input comes from: events in arrival order, pulled one at a
/// time. A materialized array and a live `StreamGenerator` are both sources;
/// the pipelines cannot tell them apart.
public protocol ArrivalSource: AnyObject {
    /// The next event in arrival order, or nil at the end of the input.
    func nextArrival() -> Event?
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
final class ArrivalLog {
    private let source: ArrivalSource
    /// Held strongly (the checker never refers back to the log): a weak
    /// load cost a retain and a release per record.
    private let observer: ArrivalObserver?
    /// The records `base..<base + retained.count`.
    @exclusivity(unchecked) private var retained = Deque<Event>()
    @exclusivity(unchecked) private(set) var base = 0
    /// Records pulled from the source so far (the log's end offset as known).
    @exclusivity(unchecked) private(set) var pulledCount = 0
    /// Records with arrival <= `arrivedTime`, among the pulled ones.
    @exclusivity(unchecked) private var arrivedIndex = 0
    @exclusivity(unchecked) private var arrivedTime = Instant.min
    /// True once the source has no more records.
    @exclusivity(unchecked) private(set) var exhausted = false
    @exclusivity(unchecked) private(set) var firstArrival: Instant?
    @exclusivity(unchecked) private(set) var lastArrival: Instant = .zero
    /// The most records held at once: the retention high-water mark.
    @exclusivity(unchecked) private(set) var peakRetained = 0

    init(source: ArrivalSource, observer: ArrivalObserver? = nil) {
        self.source = source
        self.observer = observer
        _ = pull()
    }

    /// Pulls one more record; false at the end of the input.
    private func pull() -> Bool {
        guard !exhausted, let event = source.nextArrival() else {
            exhausted = true
            return false
        }
        precondition(event.arrivalTime >= lastArrival || pulledCount == 0, "events must be in arrival order")
        if firstArrival == nil { firstArrival = event.arrivalTime }
        lastArrival = event.arrivalTime
        retained.append(event)
        if retained.count > peakRetained { peakRetained = retained.count }
        observer?.logged(event, at: pulledCount)
        pulledCount += 1
        return true
    }

    /// How many records have arrived by `time` (the log end offset, merged).
    /// Times only move forward in a run, so this is amortized O(1).
    func arrivedCount(by time: Instant) -> Int {
        if time < arrivedTime { return countArrived(by: time) }
        arrivedTime = time
        // Bounded: each pass takes a pulled record or pulls one.
        while true {
            if arrivedIndex < pulledCount {
                guard event(at: arrivedIndex).arrivalTime <= time else { break }
                arrivedIndex += 1
            } else if !pull() {
                break
            }
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
        return retained[position - base]
    }

    /// The records `range`, in order.
    func events(in range: Range<Int>) -> ArraySlice<Event> {
        guard !range.isEmpty else { return [] }
        precondition(range.lowerBound >= base && hasRecord(at: range.upperBound - 1), "offsets \(range) not retained")
        var slice: [Event] = []
        slice.reserveCapacity(range.count)
        for position in range { slice.append(retained[position - base]) }
        return slice[...]
    }

    /// No restore will seek before `position`: the records before it are dropped.
    func release(before position: Int) {
        let drop = Swift.min(position, pulledCount) - base
        guard drop > 0 else { return }
        retained.removeFirst(drop)
        base += drop
    }
}
