import SimKernel

/// A window whose accumulator is kept out of `AssignedWindowTable`'s slot
/// array, in a plain stored field, together with what the per-record checks
/// need precomputed: its key, its bounds and Flink's cleanup time.
///
/// Why: in a tumbling count nearly every record lands in the window of a
/// record just before it. For such a record the general path recomputes the
/// window, looks its slot up, recomputes the cleanup time and mutates the
/// slot array (a uniqueness and a bounds check); through a hot window it
/// costs a range check, a key check and two watermark comparisons, inlined
/// into the engine's loop. Measured with callgrind on the reference workload.
@usableFromInline
struct HotWindow {
    @usableFromInline var key: Int32 = 0
    @usableFromInline var window = TimeWindow(start: .min, end: .min)
    /// The window size as an unsigned width, so one compare checks both
    /// ends; 0 when unused, so an unused entry holds no timestamp.
    @usableFromInline var sizeMicros: UInt64 = 0
    /// Flink's `cleanupTime` of the window (`maxTimestamp + allowedLateness`).
    @usableFromInline var cleanupTime = Instant.max
    /// The window's slot in the table, or -1 when unused.
    @usableFromInline var slot = -1
    /// The window's accumulator; the slot array's copy is stale meanwhile.
    @usableFromInline var accumulator = Accumulator()

    init() {}

    init(key: Int32, window: TimeWindow, cleanupTime: Instant, slot: Int) {
        self.key = key
        self.window = window
        sizeMicros = UInt64(bitPattern: window.end.micros &- window.start.micros)
        self.cleanupTime = cleanupTime
        self.slot = slot
    }

    /// Whether `timestamp` of `key` falls in `[start, end)` of this window.
    @inlinable @inline(__always)
    func holds(key: Int32, timestamp: Instant) -> Bool {
        UInt64(bitPattern: timestamp.micros &- window.start.micros) < sizeMicros && self.key == key
    }
}
