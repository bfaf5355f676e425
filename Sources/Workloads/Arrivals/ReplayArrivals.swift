import SimKernel

/// Replays a recorded trace: one timestamp (µs since the stream's start) per
/// record, read lazily line by line so a trace of any length streams in
/// constant memory. `TraceReader.validate` checked the whole file when the
/// scenario loaded, so a read failure here is a file changed underneath us.
public final class ReplayArrivals: ArrivalProcess {
    let reader: TraceReader

    init(path: String, column: String) {
        do {
            reader = try TraceReader(path: path, column: column)
        } catch {
            preconditionFailure("trace \(path) became unreadable after validation: \(error.reason)")
        }
    }

    public func next() -> ArrivalDraw? {
        do {
            guard let micros = try reader.nextTimestamp() else { return nil }
            return ArrivalDraw(timeMicros: micros)
        } catch {
            preconditionFailure("trace changed after validation: \(error)")
        }
    }
}
