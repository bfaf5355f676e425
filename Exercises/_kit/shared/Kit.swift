// The exercise kit: the few types every exercise shares. The grader compiles
// this file together with ONE student file and that exercise's checks into a
// small executable, so a broken student file can never break `swift test`.
//
// The types mirror StreamLab's own (Sources/Workloads/Event.swift,
// Sources/Dataflow): integer microseconds, three clocks per event, windows
// [start, end) with start inclusive and end exclusive.

/// One event of TheWorldShop's stream.
struct ShopEvent: Equatable, CustomStringConvertible {
    /// Unique per logical event; a replayed duplicate carries the same id.
    var id: Int
    var key: String
    var value: Int
    /// When it happened (the clock windows and watermarks use).
    var eventTimeMicros: Int64
    /// When the source received it (the clock a naive job uses).
    var arrivalTimeMicros: Int64

    init(id: Int, key: String = "k", value: Int = 1, eventTimeMicros: Int64, arrivalTimeMicros: Int64? = nil) {
        self.id = id
        self.key = key
        self.value = value
        self.eventTimeMicros = eventTimeMicros
        self.arrivalTimeMicros = arrivalTimeMicros ?? eventTimeMicros
    }

    var description: String { "#\(id) \(key) event \(Clock.text(eventTimeMicros)) arrival \(Clock.text(arrivalTimeMicros))" }
}

/// A time window [startMicros, endMicros): start inclusive, end exclusive
/// (Spark and Flink both; Flink's maxTimestamp is end - 1).
struct TimeWindow: Hashable, Comparable, CustomStringConvertible {
    var startMicros: Int64
    var endMicros: Int64

    static func < (lhs: TimeWindow, rhs: TimeWindow) -> Bool {
        (lhs.startMicros, lhs.endMicros) < (rhs.startMicros, rhs.endMicros)
    }

    var description: String { "[\(Clock.text(startMicros)), \(Clock.text(endMicros)))" }
}

/// Minutes and seconds as the lessons print them.
enum Clock {
    static let secondMicros: Int64 = 1_000_000
    static let minuteMicros: Int64 = 60 * secondMicros
    static let hourMicros: Int64 = 60 * minuteMicros

    /// `hh:mm` or `hh:mm:ss`, with the microseconds when there are any.
    static func text(_ micros: Int64) -> String {
        if micros == Int64.min { return "-inf" }
        if micros == Int64.max { return "+inf" }
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let hours = magnitude / UInt64(hourMicros)
        let minutes = magnitude / UInt64(minuteMicros) % 60
        let seconds = magnitude / UInt64(secondMicros) % 60
        let fraction = magnitude % UInt64(secondMicros)
        var text = sign + pad(hours) + ":" + pad(minutes)
        if seconds != 0 || fraction != 0 { text += ":" + pad(seconds) }
        if fraction != 0 { text += "." + String(String(fraction + 1_000_000).dropFirst()) }
        return text
    }

    /// A duration as people say it: `90 s`, `5 min`, `1 h`, or `250 µs`.
    static func duration(_ micros: Int64) -> String {
        if micros != 0 && micros % hourMicros == 0 { return "\(micros / hourMicros) h" }
        if micros != 0 && micros % minuteMicros == 0 { return "\(micros / minuteMicros) min" }
        if micros % secondMicros == 0 { return "\(micros / secondMicros) s" }
        return "\(micros) µs"
    }

    /// `h:mm` in simulated time, as a micros value.
    static func at(_ hours: Int64, _ minutes: Int64, _ seconds: Int64 = 0) -> Int64 {
        hours * hourMicros + minutes * minuteMicros + seconds * secondMicros
    }

    private static func pad(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
