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
///
/// A key's sessions are one list in `lists`, found through the fixed-hash
/// `WindowIndex` (window start 0), not a `Dictionary`: SipHash and the
/// remove-and-reinsert of a key's array on every merge cost more than the
/// rest of a record's work. Deadlines are in `SessionTable+Timers.swift`.
@usableFromInline
struct SessionTable {
    struct Session {
        var window: TimeWindow
        var accumulator: Accumulator
        var emissions: Int32
        var dirty: Bool
        /// The deadlines the current version of this session registered
        /// (Flink's fire and cleanup timers, Spark's eviction at its end),
        /// `SessionTable.none` where it registered none.
        var fireWantedMicros: Int64
        var cleanupWantedMicros: Int64
        /// The times of the entries queued for this session in `timers`, one per kind at most.
        var fireQueuedMicros: Int64
        var cleanupQueuedMicros: Int64
    }

    static let none = Int64.min

    @usableFromInline private(set) var listIndex = WindowIndex(capacity: 64)
    var lists: [[Session]] = []
    var listKeys: [Int32] = []
    private var freeLists: [Int32] = []
    var timers = SessionTimerQueue()
    @usableFromInline var liveCount = 0
    let gap: Duration
    let keepsValues: Bool

    init(gap: Duration, keepsValues: Bool) {
        self.gap = gap
        self.keepsValues = keepsValues
    }

    /// The window a record would form on its own.
    func proposedWindow(for time: Instant) -> TimeWindow { TimeWindow(start: time, end: time + gap) }

    /// Starts loading where `list(of: key)` will look.
    @inlinable @inline(__always)
    func prefetchList(of key: Int32) { listIndex.prefetch(key: key, start: 0) }

    /// The list holding `key`'s sessions, or -1 when it has none.
    func list(of key: Int32) -> Int { Int(listIndex.find(key: key, start: 0)) }

    /// The open sessions of list `list` (-1: none) that `window` merges with:
    /// a contiguous range, because the sessions are sorted and disjoint.
    func mergeRange(list: Int, with window: TimeWindow) -> (range: Range<Int>, merged: TimeWindow) {
        guard list >= 0 else { return (0..<0, window) }
        let sessions = lists[list]
        var merged = window
        let first = sessions.firstIndex { $0.window.end >= window.start } ?? sessions.count
        var last = first
        // Bounded by the number of open sessions of this key.
        while last < sessions.count && sessions[last].window.intersects(merged) {
            merged = merged.cover(sessions[last].window)
            last += 1
        }
        return (first..<last, merged)
    }

    /// Merges `range` of `key`'s sessions (from `mergeRange`) into one
    /// session covering `merged`. Returns where it is and whether it is a
    /// window that did not exist before (so the caller registers its timers;
    /// Flink de-duplicates timers, and an unchanged session keeps the ones it has).
    mutating func merge(key: Int32, list: Int, range: Range<Int>, merged: TimeWindow) -> (list: Int, index: Int, isNew: Bool) {
        let list = list >= 0 ? list : newList(for: key)
        if range.count == 1 && lists[list][range.lowerBound].window == merged {
            return (list, range.lowerBound, false)
        }
        if range.isEmpty {
            lists[list].insert(Session(window: merged, accumulator: Accumulator(keepsValues: keepsValues), emissions: 0, dirty: false,
                                       fireWantedMicros: Self.none, cleanupWantedMicros: Self.none,
                                       fireQueuedMicros: Self.none, cleanupQueuedMicros: Self.none), at: range.lowerBound)
            liveCount += 1
            return (list, range.lowerBound, true)
        }
        if range.count == 1 {
            // Kept in place: the same as replacing it with a new session that
            // merged it in (`renewAsMergedIntoEmpty`), without copying it.
            lists[list][range.lowerBound].renew(as: merged)
            return (list, range.lowerBound, true)
        }
        let first = (window: lists[list][range.lowerBound].window, fireQueuedMicros: lists[list][range.lowerBound].fireQueuedMicros,
                     cleanupQueuedMicros: lists[list][range.lowerBound].cleanupQueuedMicros)
        var combined = Session(window: merged, accumulator: Accumulator(keepsValues: keepsValues), emissions: 0, dirty: false,
                               fireWantedMicros: Self.none, cleanupWantedMicros: Self.none,
                               fireQueuedMicros: Self.none, cleanupQueuedMicros: Self.none)
        for old in lists[list][range] {
            combined.accumulator.merge(old.accumulator)
            combined.emissions = max(combined.emissions, old.emissions)
        }
        // The timers queued for the first session are this one's when it
        // keeps its start (they name a session by key and start).
        if first.window.start == merged.start {
            combined.fireQueuedMicros = first.fireQueuedMicros
            combined.cleanupQueuedMicros = first.cleanupQueuedMicros
        }
        lists[list].replaceSubrange(range, with: CollectionOfOne(combined))
        liveCount += 1 - range.count
        return (list, range.lowerBound, true)
    }

    private mutating func newList(for key: Int32) -> Int {
        let list: Int
        if let free = freeLists.popLast() {
            list = Int(free)
            listKeys[list] = key
        } else {
            list = lists.count
            lists.append([])
            listKeys.append(key)
        }
        listIndex.insert(key: key, start: 0, slot: Int32(list))
        return list
    }

    mutating func add(list: Int, at index: Int, event value: Double, eventTime: Instant, arrivalTime: Instant) {
        lists[list][index].accumulator.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
    }

    func window(list: Int, at index: Int) -> TimeWindow { lists[list][index].window }

    mutating func markDirty(list: Int, at index: Int) { lists[list][index].dirty = true }

    mutating func result(list: Int, at index: Int) -> WindowResult {
        let session = lists[list][index]
        lists[list][index].emissions += 1
        return WindowResult(key: listKeys[list], window: session.window, aggregates: session.accumulator,
                            emission: Int(session.emissions))
    }

    mutating func remove(list: Int, at index: Int) {
        lists[list].remove(at: index)
        liveCount -= 1
        if lists[list].isEmpty {
            listIndex.remove(key: listKeys[list], start: 0)
            freeLists.append(Int32(list))
        }
    }

    /// The lists in use, in key order.
    private func listsInKeyOrder() -> [Int] {
        lists.indices.filter { !lists[$0].isEmpty }.sorted { listKeys[$0] < listKeys[$1] }
    }

    /// Every open session as (list, index), in (key, start) order.
    func allSorted() -> [(list: Int, index: Int)] {
        listsInKeyOrder().flatMap { list in lists[list].indices.map { (list, $0) } }
    }

    /// The dirty sessions as (list, index) in (key, start) order, clearing the flags.
    mutating func takeDirty() -> [(list: Int, index: Int)] {
        var dirty: [(list: Int, index: Int)] = []
        for list in listsInKeyOrder() {
            for index in lists[list].indices where lists[list][index].dirty {
                lists[list][index].dirty = false
                dirty.append((list, index))
            }
        }
        return dirty
    }
}

extension SessionTable.Session {
    /// Becomes a new version covering `window` that merged this one in:
    /// the accumulator as merged into an empty one, emissions kept, not
    /// dirty, no deadlines registered yet; the queued timers stay this
    /// session's when it keeps its start (they name it by key and start).
    mutating func renew(as window: TimeWindow) {
        if window.start != self.window.start {
            (fireQueuedMicros, cleanupQueuedMicros) = (SessionTable.none, SessionTable.none)
        }
        self.window = window
        accumulator.renewAsMergedIntoEmpty()
        dirty = false
        (fireWantedMicros, cleanupWantedMicros) = (SessionTable.none, SessionTable.none)
    }
}
