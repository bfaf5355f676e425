import Engines

extension Guarantee {
    /// The sink a guarantee writes to: an append sink for at-most-once and
    /// at-least-once, a transactional (2PC, or batch-id committed) sink for
    /// exactly-once, an idempotent upsert sink for exactly-once-idempotent.
    public var sinkKind: DeliverySink.Kind {
        switch self {
        case .atMostOnce, .atLeastOnce: return .append
        case .exactlyOnce: return .transactional
        case .exactlyOnceIdempotent: return .upsert
        }
    }
}
