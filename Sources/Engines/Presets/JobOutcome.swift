import Dataflow
import SimKernel
import Workloads

/// Everything a `run --job` run measured, already in the words of the job;
/// `JobReport` renders it and the CLI charts `stateSamples`.
public struct JobOutcome {
    public var job: StatefulJob
    /// One line: what the job computes and with which parameters.
    public var summary: String
    public var preset: Preset
    public var costs: EngineCosts
    public var capacityEventsPerSecond: Double
    public var eventCount: Int
    public var firstArrival: Instant
    public var recordsProcessed: Int
    public var finishTime: Instant
    public var droppedLateCount: Int
    /// What a result is, plural ("sessions closed", "alerts").
    public var resultNoun: String
    public var resultCount: Int
    /// Formatted results in emission order (the report shows the first few).
    public var rows: [String]
    public var latency: LatencySummary
    /// From which time to the emission the latency is measured.
    public var latencyMeaning: String
    /// The oracle's exact answer from the complete data, counted in the
    /// unit the comparison uses (`comparedNoun`).
    public var oracleCount: Int
    public var comparedNoun: String
    public var missing: Int
    public var extra: Int
    /// The business figure(s), one line each.
    public var business: [String]
    /// What the state size counts ("open sessions", "buffered records").
    public var stateNoun: String
    public var stateSamples: [(time: Instant, size: Int)]
    public var peakState: Int
    /// The oracle results that were due before the input ended, and how many
    /// of them never came: for a timeout job, a session whose timeout lies
    /// past the last watermark a stream that never ends could reach is not
    /// late, just not due. nil: every oracle result was due (`oracleCount`, `missing`).
    public var due: (expected: Int, missing: Int)? = nil

    /// Simulated throughput, as `RunOutcome` measures it.
    public var eventsPerSecond: Double {
        let span = (finishTime - firstArrival).seconds
        return span > 0 ? Double(recordsProcessed) / span : 0
    }
}

/// The pieces of an outcome that each job computes itself; the common
/// parts (engine, clocks, counters) are filled in by `JobRunner.run`.
struct JobResult {
    var summary: String
    var resultNoun: String
    var resultCount: Int
    var rows: [String]
    var latencyMicros: [Int64]
    var latencyMeaning: String
    var oracleCount: Int
    var comparedNoun: String
    var missing: Int
    var extra: Int
    var business: [String]
    var stateNoun: String
    var due: (expected: Int, missing: Int)? = nil
}

/// Counts how two multisets differ: items only in `oracle` (missing) and
/// only in `engine` (extra). Sorting keeps it independent of hash order.
func multisetDifference<Item: Comparable>(engine: [Item], oracle: [Item]) -> (missing: Int, extra: Int) {
    let engineSorted = engine.sorted()
    let oracleSorted = oracle.sorted()
    var engineIndex = 0
    var oracleIndex = 0
    var missing = 0
    var extra = 0
    while engineIndex < engineSorted.count || oracleIndex < oracleSorted.count {
        if oracleIndex == oracleSorted.count {
            extra += 1
            engineIndex += 1
        } else if engineIndex == engineSorted.count || oracleSorted[oracleIndex] < engineSorted[engineIndex] {
            missing += 1
            oracleIndex += 1
        } else if engineSorted[engineIndex] < oracleSorted[oracleIndex] {
            extra += 1
            engineIndex += 1
        } else {
            engineIndex += 1
            oracleIndex += 1
        }
    }
    return (missing, extra)
}

/// Simulated clock time of day, `HH:MM:SS.mmm` (public: `cdc` prints it too) (times are µs since midnight
/// of day 0; the hour wraps at 24 so a night that crosses midnight reads
/// naturally).
public func clockText(_ time: Instant) -> String {
    let millisTotal = time.micros >= 0 ? time.micros / 1_000 : -((-time.micros + 999) / 1_000)
    let dayMillis = Int64(86_400_000)
    let inDay = ((millisTotal % dayMillis) + dayMillis) % dayMillis
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let millis = inDay % 1_000
    let millisText = millis < 10 ? "00\(millis)" : (millis < 100 ? "0\(millis)" : "\(millis)")
    return "\(two(inDay / 3_600_000)):\(two(inDay / 60_000 % 60)):\(two(inDay / 1_000 % 60)).\(millisText)"
}

/// A result's identity for comparing with the oracle: its fields as
/// integers, ordered lexicographically.
struct JobIdentity: Hashable, Comparable {
    var parts: [Int64]

    init(_ parts: [Int64]) { self.parts = parts }

    static func < (lhs: JobIdentity, rhs: JobIdentity) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}
