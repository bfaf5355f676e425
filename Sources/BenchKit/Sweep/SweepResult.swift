import Dataflow
import Engines
import SimKernel

/// What one sweep cell measured, all in simulated time (deterministic).
///
/// Latency is the emission delay of each window row: the engine's
/// processing time when it emitted the row minus the window's end, the
/// time from "the window could be complete" to "the result is out".
public struct SweepResult: Equatable, Sendable {
    public var cell: SweepGrid.Cell
    public var events: Int
    public var rows: Int
    public var droppedLate: Int
    public var latencyMeanMillis: Double
    public var latencyMaxMillis: Double
    public var batches: Int

    public init(cell: SweepGrid.Cell, run: EngineRun<WindowResult>) {
        self.cell = cell
        events = run.recordsProcessed
        rows = run.outputs.count
        droppedLate = run.droppedLateCount
        batches = run.batchCount
        var totalMicros: Int64 = 0
        var maxMicros: Int64 = 0
        for emitted in run.outputs {
            let end = emitted.output.window.end.micros
            // The final +∞ watermark emits the last windows at end of input,
            // possibly before their end in processing time; count that as 0.
            let latency = Swift.max(0, emitted.processingTime.micros &- end)
            totalMicros &+= latency
            maxMicros = Swift.max(maxMicros, latency)
        }
        latencyMeanMillis = rows == 0 ? 0 : Double(totalMicros) / Double(rows) / 1_000
        latencyMaxMillis = Double(maxMicros) / 1_000
    }
}
