// Exercise 04: the process-function API both programs share (a minimal
// stand-in for Flink's KeyedProcessFunction context; StreamLab's own lives in
// Sources/Dataflow). Your SessionTimeout uses Timers and returns
// SessionSummary values; the checker sends a key's events in arrival order
// and fires event-time timers when `timer <= watermark` (Flink), in
// timestamp order.

struct Timers {
    private(set) var registered: Set<Int64> = []
    mutating func registerEventTimeTimer(_ timeMicros: Int64) { registered.insert(timeMicros) }
    mutating func deleteEventTimeTimer(_ timeMicros: Int64) { registered.remove(timeMicros) }
    mutating func takeDue(watermarkMicros: Int64) -> Int64? {
        guard let first = registered.min(), first <= watermarkMicros else { return nil }
        registered.remove(first)
        return first
    }
}

struct SessionSummary: Equatable, CustomStringConvertible {
    var key: String
    var startMicros: Int64
    /// Last event time + gap: the session's end, exclusive.
    var endMicros: Int64
    var eventCount: Int
    var description: String { "\(key) [\(Clock.text(startMicros)), \(Clock.text(endMicros))) \(eventCount) events" }
}

extension Timers: WireCodable {
    func encode(to writer: inout WireWriter) { writer.put(registered) }
    static func decode(from reader: inout WireReader) throws -> Timers {
        var timers = Timers()
        timers.registered = try reader.get()
        return timers
    }
}

extension SessionSummary: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.put(key); writer.put(startMicros); writer.put(endMicros); writer.put(eventCount)
    }
    static func decode(from reader: inout WireReader) throws -> SessionSummary {
        SessionSummary(key: try reader.get(), startMicros: try reader.get(), endMicros: try reader.get(), eventCount: try reader.get())
    }
}
