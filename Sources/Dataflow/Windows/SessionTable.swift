import HeapModule
import SimKernel

/// Open session windows per key, kept sorted by start and pairwise
/// separated by a strict gap (touching sessions are always merged).
///
/// Merge rule: a new record's window `[ts, ts + gap)` merges with every open
/// session it intersects. Flink merges when `start <= other.end && end >= other.start`
/// (`TimeWindow.intersects`, so touching sessions merge); Spark's
/// `MergingSessionsIterator` merges sorted sessions when `start <= currentEnd`.
/// On a start-sorted sweep both conditions are the same, so one merge serves
/// both engines.
struct SessionTable {
    struct Session {
        var window: TimeWindow
        var accumulator: Accumulator
        var emissions: Int32
        var dirty: Bool
    }

    var sessions: [Int32: [Session]] = [:]
    var timers = Heap<WindowTimer>()
    var liveCount = 0
    let gap: Duration
    let keepsValues: Bool

    init(gap: Duration, keepsValues: Bool) {
        self.gap = gap
        self.keepsValues = keepsValues
    }

    /// The window a record would form on its own.
    func proposedWindow(for time: Instant) -> TimeWindow { TimeWindow(start: time, end: time + gap) }

    /// The open sessions of `key` that `window` merges with: a contiguous
    /// range, because the sessions are sorted and disjoint.
    func mergeRange(key: Int32, with window: TimeWindow) -> (range: Range<Int>, merged: TimeWindow) {
        let list = sessions[key] ?? []
        var merged = window
        let first = list.firstIndex { $0.window.end >= window.start } ?? list.count
        var last = first
        // Bounded by the number of open sessions of this key.
        while last < list.count && list[last].window.intersects(merged) {
            merged = merged.cover(list[last].window)
            last += 1
        }
        return (first..<last, merged)
    }

    /// Merges `window` into the key's sessions. Returns the index of the
    /// resulting session and whether it is a window that did not exist before
    /// (so its timers must be registered; Flink de-duplicates timers, and an
    /// unchanged session keeps the ones it has).
    mutating func merge(key: Int32, window: TimeWindow) -> (index: Int, isNew: Bool) {
        let (range, mergedWindow) = mergeRange(key: key, with: window)
        if range.count == 1, sessions[key]![range.lowerBound].window == mergedWindow {
            return (range.lowerBound, false)
        }
        var list = sessions.removeValue(forKey: key) ?? []  // uniquely referenced while editing
        var merged = Session(window: mergedWindow, accumulator: Accumulator(keepsValues: keepsValues), emissions: 0, dirty: false)
        for old in list[range] {
            merged.accumulator.merge(old.accumulator)
            merged.emissions = max(merged.emissions, old.emissions)
        }
        list.replaceSubrange(range, with: [merged])
        liveCount += 1 - range.count
        sessions[key] = list
        return (range.lowerBound, true)
    }

    mutating func add(key: Int32, at index: Int, event value: Double, eventTime: Instant, arrivalTime: Instant) {
        sessions[key]![index].accumulator.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
    }

    func window(key: Int32, at index: Int) -> TimeWindow { sessions[key]![index].window }

    /// The index of the session with exactly `window`, if it is still open.
    func index(key: Int32, window: TimeWindow) -> Int? {
        sessions[key]?.firstIndex { $0.window == window }
    }

    mutating func markDirty(key: Int32, at index: Int) { sessions[key]![index].dirty = true }

    mutating func result(key: Int32, at index: Int) -> WindowResult {
        let session = sessions[key]![index]
        sessions[key]![index].emissions += 1
        return WindowResult(key: key, window: session.window, aggregates: session.accumulator, emission: Int(session.emissions))
    }

    mutating func remove(key: Int32, at index: Int) {
        sessions[key]!.remove(at: index)
        if sessions[key]!.isEmpty { sessions[key] = nil }
        liveCount -= 1
    }

    /// Every open session as (key, index), in (key, start) order.
    func allSorted() -> [(key: Int32, index: Int)] {
        sessions.keys.sorted().flatMap { key in sessions[key]!.indices.map { (key, $0) } }
    }

    /// The dirty sessions as (key, index) in (key, start) order, clearing the flags.
    mutating func takeDirty() -> [(key: Int32, index: Int)] {
        var dirty: [(key: Int32, index: Int)] = []
        for key in sessions.keys.sorted() {
            for index in sessions[key]!.indices where sessions[key]![index].dirty {
                sessions[key]![index].dirty = false
                dirty.append((key, index))
            }
        }
        return dirty
    }

    mutating func schedule(_ kind: WindowTimer.Kind, key: Int32, window: TimeWindow, at time: Instant) {
        timers.insert(WindowTimer(time: time.micros, key: key, start: window.start.micros, end: window.end.micros, kind: kind))
    }
}
