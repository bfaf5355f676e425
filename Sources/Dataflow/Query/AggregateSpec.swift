/// The aggregates a window computes over `Event.value`. Every engine uses
/// the same `Accumulator` to compute them, so they cannot disagree on what
/// a sum or a distinct count is.
public enum AggregateKind: String, CaseIterable, Sendable {
    case count
    case sum
    case min
    case max
    case avg
    case countDistinct = "count-distinct"
    case collect
}

/// The list of aggregates a query asks for, in output order.
public struct AggregateSpec: Equatable, Sendable {
    public var kinds: [AggregateKind]

    public init(_ kinds: [AggregateKind]) {
        precondition(!kinds.isEmpty, "a window aggregate needs at least one aggregate")
        self.kinds = kinds
    }

    /// count, sum, min and max: the fixed aggregates of the replay interface.
    public static let countSumMinMax = AggregateSpec([.count, .sum, .min, .max])

    /// Whether the accumulator must keep the values themselves (for
    /// count-distinct and collect), not just running totals.
    public var needsValues: Bool { kinds.contains(.countDistinct) || kinds.contains(.collect) }
}
