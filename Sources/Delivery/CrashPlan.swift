import SimKernel

/// When to crash the engine, as written on the command line.
///
/// Grammar (items separated by commas, any mix, `none` for no crash):
///
///     plan  := "none" | item ("," item)*
///     item  := "at:" duration                 crash at this simulated time
///            | "after:" count                 crash after the N-th record is processed, before its output is written
///            | "during-checkpoint:" count     crash while the K-th checkpoint (or micro-batch commit) is in flight
///            | "after-sink-write:" count      crash right after the K-th sink write, before the offset/checkpoint commit
///            | "mtbf:" duration               crash at random, a Poisson process with this mean time between failures
///     duration := integer ("us" | "ms" | "s" | "m" | "h")
public struct CrashPlan: Equatable, Sendable, CustomStringConvertible {
    public var atTimes: [Instant] = []
    public var afterRecords: [Int] = []
    public var duringCheckpoints: [Int] = []
    public var afterSinkWrites: [Int] = []
    public var meanTimeBetweenFailuresMicros: Int64?

    public init() {}

    public static let none = CrashPlan()

    public var isEmpty: Bool {
        atTimes.isEmpty && afterRecords.isEmpty && duringCheckpoints.isEmpty && afterSinkWrites.isEmpty
            && meanTimeBetweenFailuresMicros == nil
    }

    public static func parse(_ text: String, field: String = "crashes") throws(InputError) -> CrashPlan {
        func fail(_ reason: String) -> InputError { InputError(file: "<command line>", field: field, reason: reason) }
        var plan = CrashPlan()
        let trimmed = text.trimmingWhitespace
        if trimmed == "none" { return plan }
        guard !trimmed.isEmpty else { throw fail("empty crash plan; use 'none' for no crash") }
        for item in trimmed.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingWhitespace }) {
            guard let colon = item.firstIndex(of: ":") else {
                throw fail("'\(item)' is not 'kind:value' (kinds: at, after, during-checkpoint, after-sink-write, mtbf)")
            }
            let kind = String(item[..<colon]), value = String(item[item.index(after: colon)...])
            switch kind {
            case "at": plan.atTimes.append(Instant(micros: try parseDuration(value, item: item, field: field)))
            case "after": plan.afterRecords.append(try parseCount(value, item: item, field: field))
            case "during-checkpoint": plan.duringCheckpoints.append(try parseCount(value, item: item, field: field))
            case "after-sink-write": plan.afterSinkWrites.append(try parseCount(value, item: item, field: field))
            case "mtbf":
                guard plan.meanTimeBetweenFailuresMicros == nil else { throw fail("mtbf given twice") }
                let mtbf = try parseDuration(value, item: item, field: field)
                guard mtbf > 0 else { throw fail("mtbf must be greater than 0 in '\(item)'") }
                plan.meanTimeBetweenFailuresMicros = mtbf
            default:
                throw fail("unknown crash kind '\(kind)' in '\(item)' (kinds: at, after, during-checkpoint, after-sink-write, mtbf)")
            }
        }
        plan.atTimes.sort()
        plan.afterRecords.sort()
        plan.duringCheckpoints.sort()
        plan.afterSinkWrites.sort()
        return plan
    }

    /// A positive count (records, checkpoints, writes are counted from 1).
    static func parseCount(_ text: String, item: String, field: String) throws(InputError) -> Int {
        guard let count = Int(text), count >= 1, count <= 1_000_000_000 else {
            throw InputError(file: "<command line>", field: field, reason: "'\(item)' needs a whole number from 1 to 1000000000")
        }
        return count
    }

    /// A non-negative duration in µs, in the lab's one grammar (`DurationText`).
    public static func parseDuration(_ text: String, item: String, field: String) throws(InputError) -> Int64 {
        guard let duration = try? DurationText.parse(text), duration.micros <= Int64.max / 4 else {
            throw InputError(file: "<command line>", field: field,
                             reason: "'\(item)' needs a duration such as 500ms, 1.5s, 2m or 1h")
        }
        return duration.micros
    }

    public var description: String {
        if isEmpty { return "none" }
        var items: [String] = []
        items += atTimes.map { "at:\(Self.format(micros: $0.micros))" }
        items += afterRecords.map { "after:\($0)" }
        items += duringCheckpoints.map { "during-checkpoint:\($0)" }
        items += afterSinkWrites.map { "after-sink-write:\($0)" }
        if let mtbf = meanTimeBetweenFailuresMicros { items.append("mtbf:\(Self.format(micros: mtbf))") }
        return items.joined(separator: ",")
    }

    /// The largest exact unit, so a plan prints back as it would be typed.
    public static func format(micros: Int64) -> String { DurationText.format(Duration(micros: micros)) }
}

extension String {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
