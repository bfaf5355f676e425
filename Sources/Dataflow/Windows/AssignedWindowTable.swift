import CPrefetch
import SimKernel

/// The state of every open tumbling or sliding window: one slot per
/// (key, window), grouped into panes, one pane per window start
/// (`AssignedWindowTable+Panes.swift`), each with its own key map
/// (`PaneKeyIndex`) and its deadlines.
///
/// Up to two slots are *hot* (`HotWindow`): the window the last record went
/// to, and the one before, since a record late across a window boundary
/// goes back to the previous window. A hot slot's accumulator lives in its
/// `HotWindow`, and the copy in its `Slot` is stale. Every read and
/// write of an accumulator goes through this type, which routes hot slots
/// to their entries.
@usableFromInline
struct AssignedWindowTable {
    /// One open window: its totals and bookkeeping side by side, so a
    /// record or a timer touches one or two cache lines, not one per field
    /// (with 10^5–10^6 keys each of six parallel arrays missed the cache).
    /// Plain numbers only (80 bytes): the array of 10^6 of them is copied
    /// and destroyed without a reference count or a call per slot, which
    /// with the values inside (88 bytes) was 3 % of a batch job at 10^6 keys.
    @usableFromInline
    struct Slot {
        var totals: Accumulator.Totals
        var window: TimeWindow
        var key: Int32
        var emissions: Int32
        var dirty: Bool
    }

    @usableFromInline var slots: [Slot] = []
    /// Each slot's values when the aggregates keep them (`keepsValues`:
    /// count-distinct, collect), beside `slots`; empty otherwise. A hot or
    /// warm window holds its values in its entry, and its slot's are nil.
    var slotValues: [[Double]?] = []
    /// Whether each slot holds an open window; apart from `Slot` so that
    /// closing a pane of 10^5 windows touches one byte per window, not its
    /// cache line.
    private var slotLive: [Bool] = []
    @usableFromInline var freeSlots: [Int32] = []
    /// Slots changed since the last `takeDirtySlots` (Spark update mode).
    var dirtySlots: [Int32] = []
    /// The open panes, in no particular order (few: one per window start
    /// that has open windows).
    @usableFromInline var panes: [Pane] = []
    /// Emptied panes kept for reuse with their storage, so steady state allocates nothing.
    var sparePanes: [Pane] = []
    /// The pane looked up last (a hint; checked before use).
    @usableFromInline var lastPane = 0
    /// Pending pane deadlines, sorted by (time, kind, start).
    var paneTimers: [PaneTimer] = []
    @usableFromInline var liveCount = 0
    /// Whether a pane's key map has outgrown the cache (`PaneKeyIndex.isLarge`),
    /// so that `prefetch(key:start:)` has something to do. It stays set: an
    /// emptied pane keeps its map's capacity for the next one. One flag, so
    /// that with 10^3 keys the per-record hint costs one test (a full check
    /// made the 10^3-key row 6 % slower).
    @usableFromInline private(set) var hintsLookups = false
    var orderScratch: [UInt64] = []
    var orderSpare: [UInt64] = []
    var rankScratch: [Int32] = []
    /// A complete emission under way (`emitLiveWindows`): the live windows
    /// in (key, start) order, packed as `Pane.members`, and how many of them
    /// have been emitted.
    var pendingRows: [UInt64] = []
    var pendingRowsEmitted = 0
    let keepsValues: Bool
    /// The last (key, start) looked up and its slot: consecutive records
    /// usually hit the same window (one key, or keys in runs), and comparing
    /// two integers is cheaper than hashing them.
    var cachedKey: Int32 = 0
    var cachedStart: Int64 = 0
    var cachedSlot: Int = -1
    /// The window the last hot record went to, and the one before it.
    @usableFromInline var hot = HotWindow()
    @usableFromInline var warm = HotWindow()

    init(keepsValues: Bool) { self.keepsValues = keepsValues }

    /// At most this many windows are reserved ahead (`reserveSlots`): 4 Mi
    /// slots, 320 MiB of address space, touched only as windows open.
    static var slotReservationLimit: Int { 1 << 22 }

    /// Makes room for `count` more windows (at most `slotReservationLimit`)
    /// beside those open, so that opening them moves no slot. Only address
    /// space is taken: pages are touched as windows fill them.
    mutating func reserveSlots(forNewWindows count: Int) {
        let wanted = slots.count + Swift.min(count, Self.slotReservationLimit) - freeSlots.count
        guard wanted > slots.capacity else { return }
        // At least doubled, so that jobs of growing inputs still grow geometrically.
        slots.growAdvisingHugePages(to: Swift.max(wanted, 2 * slots.capacity))
    }

    /// Whether (key, start) was the last window `slot(key:window:)` looked up.
    func wasLastLookedUp(key: Int32, start: Int64) -> Bool {
        cachedSlot >= 0 && cachedKey == key && cachedStart == start
    }

    /// The slot of (key, window), and whether it was just created.
    @inline(__always)
    mutating func slot(key: Int32, window: TimeWindow) -> (slot: Int, created: Bool) {
        if cachedSlot >= 0 && cachedKey == key && cachedStart == window.start.micros { return (cachedSlot, false) }
        let pane = pane(for: window)
        let found = panes[pane].index.lookup(key)
        if found >= 0 {
            (cachedKey, cachedStart, cachedSlot) = (key, window.start.micros, Int(found))
            return (Int(found), false)
        }
        let fresh = Slot(totals: Accumulator.Totals(), window: window, key: key, emissions: 0, dirty: false)
        let slot: Int
        if !freeSlots.isEmpty {
            slot = Int(freeSlots.removeLast())
            slots[slot] = fresh
            slotLive[slot] = true
            if keepsValues { slotValues[slot] = [] }
        } else {
            slot = slots.count
            slots.appendAdvisingHugePages(fresh)
            slotLive.append(true)
            if keepsValues { slotValues.append([]) }
        }
        panes[pane].add(key: key, slot: slot, bucket: -1 - found)
        if !hintsLookups && panes[pane].index.isLarge { hintsLookups = true }
        liveCount += 1
        (cachedKey, cachedStart, cachedSlot) = (key, window.start.micros, slot)
        return (slot, true)
    }

    /// Starts loading the key-map bucket of (key, start) when that is the
    /// pane looked up last (nearly always, in arrival order); nothing otherwise.
    /// Mutating, with the pane reached in place through the array's mutable
    /// buffer: read through `panes[lastPane].index`, the pane was copied, and
    /// through a read-only buffer its map was still retained and released
    /// around the hint, once per record (perf, 15 % of the record engine at
    /// 10^6 keys).
    @inlinable @inline(__always)
    mutating func prefetch(key: Int32, start: Int64) {
        let lastPane = lastPane
        let hinted = panes.withUnsafeMutableBufferPointer { buffer in
            guard lastPane < buffer.count && buffer[lastPane].window.start.micros == start else { return false }
            guard buffer[lastPane].index.isLarge else { return false }
            buffer[lastPane].index.prefetch(key)
            return true
        }
        guard hinted else { return }
        // The slot a window created a few records from now will take: a
        // freed slot was last touched a pane ago, so it is out of the cache.
        let ahead = freeSlots.count - Self.freeSlotPrefetchDistance
        guard ahead >= 0 else { return }
        slots.withUnsafeBufferPointer { buffer in
            let slot = UnsafeRawPointer(buffer.baseAddress! + Int(freeSlots[ahead]))
            streamlab_prefetch_write_span(slot, MemoryLayout<Slot>.stride)
        }
    }

    @usableFromInline static var freeSlotPrefetchDistance: Int { 3 }

    mutating func markDirty(_ slot: Int) {
        if !slots[slot].dirty {
            slots[slot].dirty = true
            dirtySlots.append(Int32(slot))
        }
    }

    /// The slots changed since the last call, live ones only, in (key, start) order.
    mutating func takeDirtySlots() -> [Int] {
        var live: [Int] = []
        for slot in dirtySlots.map(Int.init) {
            slots[slot].dirty = false
            if slotLive[slot] { live.append(slot) }
        }
        dirtySlots.removeAll(keepingCapacity: true)
        return inKeyOrder(live)
    }

    /// `candidates` (distinct live slots) in (key, start) order: a radix
    /// sort on the key, then the windows of each key by start.
    private mutating func inKeyOrder(_ candidates: [Int]) -> [Int] {
        var order = orderSpare
        order.removeAll(keepingCapacity: true)
        for (position, slot) in candidates.enumerated() { order.append(KeyOrder.pack(key: slots[slot].key, index: position)) }
        KeyOrder.sortByKey(&order, scratch: &orderScratch)
        KeyOrder.sortRunsOfEqualKeys(&order) { slots[candidates[$0]].window.start < slots[candidates[$1]].window.start }
        let sorted = order.map { candidates[KeyOrder.index($0)] }
        orderSpare = order
        return sorted
    }

    /// Frees every window of one pane (`members`, packed as in
    /// `Pane.members`, all starting at `start`); the pane's map is emptied
    /// with the pane. A hot, warm or cached window of the pane is let go once
    /// for the pane, not tested once per window (a call per window was 3.6 %
    /// at 10^6 keys).
    mutating func freeAll(_ members: [UInt64], start: Int64) {
        if cachedSlot >= 0 && cachedStart == start { cachedSlot = -1 }
        if hot.slot >= 0 && hot.window.start.micros == start { Self.cool(&hot, into: &slots, values: &slotValues) }
        if warm.slot >= 0 && warm.window.start.micros == start { Self.cool(&warm, into: &slots, values: &slotValues) }
        for member in members {
            let slot = KeyOrder.index(member)
            precondition(slotLive[slot], "a window slot is freed once")
            slotLive[slot] = false
            if keepsValues { slotValues[slot] = nil }
            freeSlots.append(Int32(slot))
        }
        liveCount -= members.count
    }

    /// Makes the window of `slot` hot; the hot window before it becomes
    /// warm, and the warm one goes back to the array. Swapping values arrays
    /// rather than copying them leaves each one owner, so none is ever
    /// duplicated on write.
    mutating func makeHot(slot: Int, key: Int32, window: TimeWindow, cleanupTime: Instant) {
        if slot == hot.slot { return }
        if slot == warm.slot {
            swap(&hot, &warm)
            return
        }
        Self.cool(&warm, into: &slots, values: &slotValues)
        swap(&hot, &warm)
        hot = HotWindow(key: key, window: window, cleanupTime: cleanupTime, slot: slot)
        hot.accumulator.totals = slots[slot].totals
        if keepsValues { swap(&hot.accumulator.values, &slotValues[slot]) }
    }

    /// Puts a hot window's accumulator back into its slot and clears the entry.
    /// `values` is empty unless the table keeps values.
    private static func cool(_ entry: inout HotWindow, into slots: inout [Slot], values: inout [[Double]?]) {
        guard entry.slot >= 0 else { return }
        slots[entry.slot].totals = entry.accumulator.totals
        if !values.isEmpty { swap(&entry.accumulator.values, &values[entry.slot]) }
        entry = HotWindow()
    }

    /// Adds a record's value to the accumulator of `slot`.
    @inline(__always)
    mutating func add(to slot: Int, value: Double, eventTime: Instant, arrivalTime: Instant) {
        if slot == hot.slot {
            hot.accumulator.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
        } else if slot == warm.slot {
            warm.accumulator.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
        } else {
            slots[slot].totals.add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
            if keepsValues { appendValue(value, to: slot) }
        }
    }

    private mutating func appendValue(_ value: Double, to slot: Int) { slotValues[slot]!.append(value) }

    @usableFromInline
    mutating func result(of slot: Int) -> WindowResult {
        Self.takeResult(of: &slots[slot], at: slot, values: keepsValues ? slotValues[slot] : nil, hot: hot, warm: warm)
    }

    /// The result of the window in `entry`, which is slot `slot` with
    /// `values`, counted as one more emission; a hot or warm slot's
    /// accumulator is its entry's.
    @inline(__always)
    static func takeResult(of entry: inout Slot, at slot: Int, values: [Double]?, hot: HotWindow, warm: HotWindow) -> WindowResult {
        let aggregates = slot == hot.slot ? hot.accumulator
            : slot == warm.slot ? warm.accumulator : Accumulator(totals: entry.totals, values: values)
        let result = WindowResult(key: entry.key, window: entry.window, aggregates: aggregates, emission: Int(entry.emissions))
        entry.emissions += 1
        return result
    }
}
