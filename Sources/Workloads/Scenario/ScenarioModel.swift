import SimKernel

/// The validated contents of a scenario file. Parsing (`ScenarioParser`)
/// checks every field, so a `Scenario` can always build a generator.
/// Times inside a scenario are seconds (`*_s` fields) or duration text; the
/// generator converts each sample to whole microseconds with
/// `Duration.micros(roundingSeconds:)`, the one documented rounding.
public struct Scenario: Sendable {
    public var name: String
    /// One line, shown by `streamlab scenarios`.
    public var description: String
    /// The file this scenario came from.
    public var file: String
    /// Event kind names; `Event.kind` indexes this list.
    public var eventKinds: [String]
    public var keySpace: KeySpace
    public var sources: [SourceSpec]
    /// The simulated clock reading at the start of the stream (e.g. 22:30 is
    /// 81,000 s); event times count from midnight of day 0.
    public var start: Instant
    public var defaultEvents: Int?
    public var defaultDuration: Duration?
    /// Named numbers the engines and lessons read (initial stock, SKU count…),
    /// in file order.
    public var parameters: [(name: String, value: Double)]

    public func keyName(_ key: Int32) -> String { keySpace.name(of: key) }

    public func kindName(_ kind: UInt16) -> String {
        Int(kind) < eventKinds.count ? eventKinds[Int(kind)] : "kind-\(kind)"
    }

    /// A named parameter from the file's `parameters` object.
    public func parameter(_ name: String) -> Double? {
        parameters.first { $0.name == name }?.value
    }

    public func kindIndex(_ name: String) -> UInt16? {
        eventKinds.firstIndex(of: name).map { UInt16($0) }
    }
}

/// The scenario's keys: `count` keys named `prefix` + index.
public struct KeySpace: Sendable, Equatable {
    public var count: Int
    public var prefix: String

    public func name(of key: Int32) -> String { prefix + String(key) }
}

/// How a source picks a key per event.
public enum KeyChoice: Sendable, Equatable {
    case uniform
    /// Zipf over ranks 1…count with weight 1/rank^exponent: key 0 is hottest.
    case zipf(exponent: Double)
}

/// How a source picks an event kind.
public enum KindSelection: String, Sendable, Equatable {
    /// Independent weighted draws.
    case random
    /// A fixed cycle of `sum(weights)` events, kinds in declaration order, as
    /// the NEXMark generator does (event number mod 50 decides the kind).
    case cycle
}

/// How the `attribute` field is filled.
public enum AttributeSpec: Sendable, Equatable {
    case none
    /// Uniform over 0..<count.
    case uniform(count: Int)
    /// Each key's fixed home value (a card's home city): a hash of the key
    /// mod count. Planted bursts use other values.
    case home(count: Int)
}

/// When events come into being (their true time).
public enum ArrivalSpec: Sendable, Equatable {
    case poisson(ratePerSecond: Double)
    /// A Markov-modulated Poisson process cycling through states in order,
    /// each held for an exponential time; on-off bursts are two states, one
    /// with rate 0.
    case mmpp(states: [MMPPState])
    case hawkes(HawkesSpec)
    /// `rate(t) = mean · (1 + amplitude · sin(2π (t − phase) / period))`.
    case sine(meanRatePerSecond: Double, amplitude: Double, periodSeconds: Double, phaseSeconds: Double)
    /// User sessions: sessions start as a Poisson process; each is a run of
    /// clicks by one key separated by short gaps.
    case sessions(SessionSpec)
    /// Timestamps (µs since the start, non-decreasing) read from a CSV or
    /// JSONL trace file.
    case replay(path: String, column: String)
}

public struct MMPPState: Sendable, Equatable {
    public var ratePerSecond: Double
    public var meanDurationSeconds: Double
}

/// Hawkes self-exciting arrivals with an exponential kernel: intensity
/// `λ(t) = μ(t) + Σ n·β·e^{−β(t−tᵢ)}` with β = 1/decay, branching ratio n < 1.
/// The optional surge adds `r·e^{−(t−s)/τ}` to μ from time `s` on: the viral
/// moment that starts the cascade.
public struct HawkesSpec: Sendable, Equatable {
    public var baselineRatePerSecond: Double
    public var branchingRatio: Double
    public var decaySeconds: Double
    public var surgeAtSeconds: Double?
    public var surgeRatePerSecond: Double
    public var surgeDecaySeconds: Double
}

public struct SessionSpec: Sendable, Equatable {
    public var sessionRatePerSecond: Double
    public var clicksPerSession: Distribution
    public var clickGapSeconds: Distribution
}

/// Producers going offline: a `producerFraction` of producers alternate
/// exponential online and offline periods; events created while offline are
/// held and released when the producer returns (a backlog of very late events).
public struct OfflineSpec: Sendable, Equatable {
    public var producerFraction: Double
    public var meanOnlineSeconds: Double
    public var meanOfflineSeconds: Double
}

/// Producer retries: each send is repeated with `probability`, up to
/// `maxAttempts` sends in all; a duplicate has the same id and a higher
/// `attempt`, and arrives `backoffSeconds` after the previous send.
public struct RetrySpec: Sendable, Equatable {
    public var probability: Double
    public var maxAttempts: Int
    public var backoffSeconds: Distribution
}

public struct DisorderSpec: Sendable, Equatable {
    /// Transport delay in seconds; nil is "none". Negative samples count as 0.
    public var delaySeconds: Distribution?
    /// Each producer's constant clock offset, drawn once.
    public var clockSkewSeconds: Distribution?
    public var offline: OfflineSpec?
    public var retries: RetrySpec?

    public static let none = DisorderSpec(delaySeconds: nil, clockSkewSeconds: nil, offline: nil, retries: nil)
}

/// A derived event: after an event of its source, with `probability`, an event
/// of `kind` follows `delaySeconds` later, same key and producer (an order
/// after an add-to-cart, a payment after an order). Follow-ups may chain.
public struct FollowUpSpec: Sendable, Equatable {
    public var triggerKind: UInt16
    public var kind: UInt16
    public var probability: Double
    public var delaySeconds: Distribution
}

/// A planted pattern: `keyCount` keys each make `burstsPerKey` bursts of
/// `eventsPerBurst` events within `windowSeconds`, each event at a different
/// attribute (place). The keys are drawn from the seed and reported by
/// `StreamGenerator.plantedKeys`, so a harness can score detection.
public struct PlantedBurstSpec: Sendable, Equatable {
    public var keyCount: Int
    public var burstsPerKey: Int
    public var eventsPerBurst: Int
    public var windowSeconds: Double
    public var startAfterSeconds: Double
    public var startBeforeSeconds: Double
}

/// One independent stream of a scenario; a scenario merges its sources.
public struct SourceSpec: Sendable, Equatable {
    public var name: String
    public var kinds: [(kind: UInt16, weight: Double)]
    public var kindSelection: KindSelection
    public var arrivals: ArrivalSpec
    public var keys: KeyChoice
    public var values: Distribution
    public var producerCount: Int
    /// True: producer = key mod producerCount (a device is its own producer).
    public var producerByKey: Bool
    public var partitionCount: Int
    public var attribute: AttributeSpec
    public var disorder: DisorderSpec
    public var followUps: [FollowUpSpec]
    public var planted: PlantedBurstSpec?

    public static func == (lhs: SourceSpec, rhs: SourceSpec) -> Bool {
        lhs.name == rhs.name && lhs.kinds.map(\.kind) == rhs.kinds.map(\.kind) && lhs.kinds.map(\.weight) == rhs.kinds.map(\.weight)
            && lhs.kindSelection == rhs.kindSelection && lhs.arrivals == rhs.arrivals && lhs.keys == rhs.keys
            && lhs.values == rhs.values && lhs.producerCount == rhs.producerCount && lhs.producerByKey == rhs.producerByKey
            && lhs.partitionCount == rhs.partitionCount && lhs.attribute == rhs.attribute && lhs.disorder == rhs.disorder
            && lhs.followUps == rhs.followUps && lhs.planted == rhs.planted
    }
}
