import SimKernel

/// What `streamlab lambda` was asked to do.
public struct LambdaOptions: Sendable, Equatable {
    public var scenario: String
    public var batchPreset: String
    public var speedPreset: String
    public var drift: SpeedDrift
    public var seed: UInt64
    /// Simulated hours of the scenario to generate (the table has a row per
    /// event-time hour).
    public var hours: Int
    /// nil: the batch preset's own schedule (hourly, nightly).
    public var batchEveryMicros: Int64?

    public init(scenario: String, batchPreset: String = "hive", speedPreset: String = "flink", drift: SpeedDrift = .none,
                seed: UInt64 = 1, hours: Int = 6, batchEveryMicros: Int64? = nil) {
        self.scenario = scenario
        self.batchPreset = batchPreset
        self.speedPreset = speedPreset
        self.drift = drift
        self.seed = seed
        self.hours = hours
        self.batchEveryMicros = batchEveryMicros
    }
}

/// How the speed layer's copy of the logic differs from the batch layer's.
/// Lambda keeps the same logic twice, in two frameworks (Jay Kreps,
/// "Questioning the Lambda Architecture", 2014: the two copies are hard to
/// keep in step); each case is one way they come apart in practice.
public enum SpeedDrift: String, CaseIterable, Sendable {
    /// The same logic in both layers (the speed layer waits long enough
    /// that no event is late).
    case none
    /// The speed layer's watermark has no delay: an event behind the
    /// largest timestamp seen, whose hour has closed, is dropped as late
    /// (Flink's rule), while the batch job, reading the whole partition,
    /// counts it.
    case lateDrop = "late-drop"
    /// The speed layer's filter also counts the scenario's next event kind
    /// (payments counted as orders).
    case kind
    /// The speed layer buckets by arrival time (processing-time windows,
    /// Storm's and DStreams' default) instead of event time: a different
    /// window boundary rule.
    case arrivalTime = "arrival-time"

    /// The drift called `name`, or an input error listing the known ones.
    public static func named(_ name: String) throws(InputError) -> SpeedDrift {
        guard let drift = SpeedDrift(rawValue: name) else {
            throw InputError(file: "<command line>", field: "--speed-drift",
                             reason: "unknown drift '\(name)' (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return drift
    }

    /// One line for the report.
    public func summary(kind: String, nextKind: String?) -> String {
        switch self {
        case .none: return "none (both layers count '\(kind)' per event-time hour)"
        case .lateDrop: return "late-drop (the speed layer drops events behind its watermark; the batch layer counts them)"
        case .kind: return "kind (the speed layer also counts '\(nextKind ?? "?")' events as '\(kind)')"
        case .arrivalTime: return "arrival-time (the speed layer buckets by arrival hour, the batch layer by event hour)"
        }
    }
}
