import SimKernel

/// A delivery guarantee a real system offers, with the configuration that
/// gives it and where that is documented. A preset lists only the guarantees
/// its system really has: Spark Structured Streaming and Kafka Streams have
/// no at-most-once mode, Samza none but at-least-once, Storm's core API no
/// exactly-once (that is Trident's), so the lab refuses to run them.
public struct OfferedGuarantee: Sendable, Equatable {
    public var guarantee: Guarantee
    /// The setting that selects it in the real system.
    public var configuration: String
    /// Where the behaviour is documented.
    public var source: String
    /// Record engines: how often state and offsets are checkpointed (or, for
    /// Kafka Streams and Samza, committed) under this guarantee; nil when
    /// nothing is checkpointed. Micro-batch and batch engines log every batch.
    public var checkpointInterval: Duration?

    public init(_ guarantee: Guarantee, configuration: String, source: String, checkpointInterval: Duration? = nil) {
        self.guarantee = guarantee
        self.configuration = configuration
        self.source = source
        self.checkpointInterval = checkpointInterval
    }
}

extension Preset {
    /// The offered guarantee, or nil when the real system has no such mode.
    public func offering(_ guarantee: Guarantee) -> OfferedGuarantee? {
        guarantees.first { $0.guarantee == guarantee }
    }

    /// The guarantee, or an `InputError` naming the modes the system does offer.
    public func require(_ guarantee: Guarantee, field: String = "--guarantee") throws(InputError) -> OfferedGuarantee {
        if let offered = offering(guarantee) { return offered }
        throw InputError(file: "<command line>", field: field, reason: notOfferedReason(guarantee))
    }

    /// "spark-structured-streaming does not offer at-most-once; it offers at-least-once, exactly-once, exactly-once-idempotent".
    public func notOfferedReason(_ guarantee: Guarantee) -> String {
        "\(name) does not offer \(guarantee.rawValue); it offers " + guarantees.map(\.guarantee.rawValue).joined(separator: ", ")
    }

    /// The guarantee the real system gives by default (the first listed).
    public var defaultGuarantee: String { guarantees[0].guarantee.rawValue }
}
