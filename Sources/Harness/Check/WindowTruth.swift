import Dataflow
import Delivery
import SimKernel
import Workloads

/// The oracle's window counts for a log that several runs read at once
/// (`SharedLogPass`): how many truth events each tumbling window of each
/// key holds. They depend on the log alone, so they are counted once, as
/// the pass reads it, instead of once per run: the per-event count was the
/// checker's largest cost with many runs in step, whose window tables
/// crowded each other out of the cache (perf, issue 14). Each run's
/// `StreamingCheck` then keeps only its outputs' side of each window. A
/// check with no pass to share counts its own, one record at a time.
///
/// Only for a log that holds each id once (an idempotent producer): then
/// every logged record is a truth event. Written by one reader at a time
/// while the pass reads, and read by a run only after its read of the log
/// ended (`isComplete`); the pass's lock orders the two.
public final class WindowTruth: SharedLogPass.Observer, @unchecked Sendable {
    public let windowSizeMicros: Int64
    // Unchecked exclusivity, as in `StreamingCheck`: one thread at a time
    // (the pass orders them), and no inout access is handed out.
    @exclusivity(unchecked) private(set) var counts = WindowTable<Double>(vacant: 0)
    /// True once the pass has read the whole log.
    @exclusivity(unchecked) private(set) var isComplete = false

    public init(windowSizeMicros: Int64) {
        precondition(windowSizeMicros > 0, "a window has a size")
        self.windowSizeMicros = windowSizeMicros
    }

    /// Counts one truth event in its window.
    func count(_ event: Event) {
        let size = Duration(micros: windowSizeMicros)
        // The oracle's window: `Oracle.results` of `KeyedTotalsOperator.windowQuery`, a tumbling window.
        WindowAssigner.forEachWindow(containing: event.eventTime, size: size, slide: size, offset: .zero) { window in
            counts.update(key: event.key, startMicros: window.start.micros, initial: 0) { $0 += 1 }
        }
    }

    public func read(_ events: UnsafeBufferPointer<Event>) {
        precondition(!isComplete, "the log has ended")
        for event in events { count(event) }
    }

    public func ended() { isComplete = true }

    /// Frees the counts (a check that owns them, once it is finished).
    func clear() { counts = WindowTable(vacant: 0) }
}
