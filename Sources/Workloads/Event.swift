import SimKernel

/// One event of a generated stream, with its three clocks' first two
/// (processing time is added by an engine).
///
/// - `id` is unique and sequential in generation order. A producer retry
///   re-sends the same event, so a duplicate carries the *same* `id` and a
///   higher `attempt`: de-duplication by id is then possible, as with
///   idempotent producers.
/// - `key` is an interned key index; `KeySpace` names it (`k17`, `sku-3`, …).
/// - `kind` is the scenario's event type index (add-to-cart, order, …);
///   `Scenario.eventKinds` names it.
/// - `attribute` is a scenario-specific small integer (a card's merchant
///   location, a device's region); 0 where unused.
@frozen
public struct Event: Equatable, Sendable {
    public var id: UInt64
    public var key: Int32
    public var kind: UInt16
    public var attempt: UInt8
    public var producer: Int32
    public var partition: Int32
    public var attribute: Int32
    public var value: Double
    /// When the event happened, by the producer's (possibly skewed) clock.
    public var eventTime: Instant
    /// When the source received it.
    public var arrivalTime: Instant

    @inlinable
    public init(
        id: UInt64, key: Int32, kind: UInt16 = 0, attempt: UInt8 = 0, producer: Int32 = 0,
        partition: Int32 = 0, attribute: Int32 = 0, value: Double, eventTime: Instant, arrivalTime: Instant
    ) {
        self.id = id
        self.key = key
        self.kind = kind
        self.attempt = attempt
        self.producer = producer
        self.partition = partition
        self.attribute = attribute
        self.value = value
        self.eventTime = eventTime
        self.arrivalTime = arrivalTime
    }

    /// How late the event reached the source, relative to when it happened.
    @inlinable public var transportDelay: Duration { arrivalTime - eventTime }
}
