import HeapModule
import SimKernel

/// The state of every open tumbling or sliding window: one slot per
/// (key, window), found through `WindowIndex`, with the slot's fields in
/// parallel arrays so the per-record update touches one accumulator.
///
/// Up to two slots are *hot* (`HotWindow`): the window the last record went
/// to, and the one before, since a record late across a window boundary
/// goes back to the previous window. A hot slot's accumulator lives in its
/// `HotWindow`, and its entry in `slotAccumulators` is stale. Every read and
/// write of an accumulator goes through this type, which routes hot slots
/// to their entries.
@usableFromInline
struct AssignedWindowTable {
    var index = WindowIndex()
    var slotKeys: [Int32] = []
    var slotWindows: [TimeWindow] = []
    private var slotAccumulators: [Accumulator] = []
    var slotEmissions: [Int32] = []
    var slotDirty: [Bool] = []
    var slotLive: [Bool] = []
    var freeSlots: [Int32] = []
    /// Slots changed since the last `takeDirtySlots` (Spark update mode).
    var dirtySlots: [Int32] = []
    var timers = Heap<WindowTimer>()
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

    var liveCount: Int { index.count }

    /// Whether (key, start) was the last window `slot(key:window:)` looked up.
    func wasLastLookedUp(key: Int32, start: Int64) -> Bool {
        cachedSlot >= 0 && cachedKey == key && cachedStart == start
    }

    /// The slot of (key, window), and whether it was just created.
    @inline(__always)
    mutating func slot(key: Int32, window: TimeWindow) -> (slot: Int, created: Bool) {
        if cachedSlot >= 0 && cachedKey == key && cachedStart == window.start.micros { return (cachedSlot, false) }
        let found = index.find(key: key, start: window.start.micros)
        if found >= 0 {
            (cachedKey, cachedStart, cachedSlot) = (key, window.start.micros, Int(found))
            return (Int(found), false)
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            slotKeys[slot] = key
            slotWindows[slot] = window
            slotAccumulators[slot] = Accumulator(keepsValues: keepsValues)
            slotEmissions[slot] = 0
            slotDirty[slot] = false
            slotLive[slot] = true
        } else {
            slot = slotKeys.count
            slotKeys.append(key)
            slotWindows.append(window)
            slotAccumulators.append(Accumulator(keepsValues: keepsValues))
            slotEmissions.append(0)
            slotDirty.append(false)
            slotLive.append(true)
        }
        index.insert(key: key, start: window.start.micros, slot: Int32(slot))
        (cachedKey, cachedStart, cachedSlot) = (key, window.start.micros, slot)
        return (slot, true)
    }

    mutating func markDirty(_ slot: Int) {
        if !slotDirty[slot] {
            slotDirty[slot] = true
            dirtySlots.append(Int32(slot))
        }
    }

    /// The slots changed since the last call, live ones only, in (key, start) order.
    mutating func takeDirtySlots() -> [Int] {
        var slots: [Int] = []
        for slot in dirtySlots.map(Int.init) {
            slotDirty[slot] = false
            if slotLive[slot] { slots.append(slot) }
        }
        dirtySlots.removeAll(keepingCapacity: true)
        return slots.sorted { (slotKeys[$0], slotWindows[$0].start) < (slotKeys[$1], slotWindows[$1].start) }
    }

    /// Every live slot in (key, start) order (Spark complete mode).
    func liveSlotsSorted() -> [Int] {
        slotLive.indices.filter { slotLive[$0] }
            .sorted { (slotKeys[$0], slotWindows[$0].start) < (slotKeys[$1], slotWindows[$1].start) }
    }

    /// The slot a timer refers to, or nil when that window is gone.
    func slot(for timer: WindowTimer) -> Int? {
        let found = index.find(key: timer.key, start: timer.start)
        return found >= 0 ? Int(found) : nil
    }

    mutating func free(_ slot: Int) {
        if slot == cachedSlot { cachedSlot = -1 }
        if slot == hot.slot { Self.cool(&hot, into: &slotAccumulators) }
        if slot == warm.slot { Self.cool(&warm, into: &slotAccumulators) }
        index.remove(key: slotKeys[slot], start: slotWindows[slot].start.micros)
        slotLive[slot] = false
        slotAccumulators[slot].values = nil
        freeSlots.append(Int32(slot))
    }

    /// Makes the window of `slot` hot; the hot window before it becomes
    /// warm, and the warm one goes back to the array. Swapping accumulators
    /// rather than copying them leaves each `values` array one owner, so none
    /// is ever duplicated on write.
    mutating func makeHot(slot: Int, key: Int32, window: TimeWindow, cleanupTime: Instant) {
        if slot == hot.slot { return }
        if slot == warm.slot {
            swap(&hot, &warm)
            return
        }
        Self.cool(&warm, into: &slotAccumulators)
        swap(&hot, &warm)
        hot = HotWindow(key: key, window: window, cleanupTime: cleanupTime, slot: slot)
        swap(&hot.accumulator, &slotAccumulators[slot])
    }

    /// Puts a hot window's accumulator back into its slot and clears the entry.
    private static func cool(_ entry: inout HotWindow, into accumulators: inout [Accumulator]) {
        guard entry.slot >= 0 else { return }
        swap(&entry.accumulator, &accumulators[entry.slot])
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
            slotAccumulators[slot].add(value: value, eventTime: eventTime, arrivalTime: arrivalTime)
        }
    }

    func accumulator(of slot: Int) -> Accumulator {
        if slot == hot.slot { return hot.accumulator }
        if slot == warm.slot { return warm.accumulator }
        return slotAccumulators[slot]
    }

    @usableFromInline
    mutating func result(of slot: Int) -> WindowResult {
        let result = WindowResult(key: slotKeys[slot], window: slotWindows[slot],
                                  aggregates: accumulator(of: slot),
                                  emission: Int(slotEmissions[slot]))
        slotEmissions[slot] += 1
        return result
    }

    mutating func schedule(_ kind: WindowTimer.Kind, slot: Int, at time: Instant) {
        let window = slotWindows[slot]
        timers.insert(WindowTimer(time: time.micros, key: slotKeys[slot], start: window.start.micros,
                                  end: window.end.micros, kind: kind))
    }
}
