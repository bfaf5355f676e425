import SimKernel

/// A delivery guarantee is a configuration, not a feature: which offsets are
/// committed when, and which sink the outputs go to.
///
/// - at-most-once: commit the offset, then process (Kafka), and restore
///   nothing: a crash loses the records in flight and the in-memory operator
///   state (Flink with checkpointing disabled restarts with empty state;
///   Storm without acking drops the tuples in flight). Never duplicates.
/// - at-least-once: checkpoint (offsets + state) and a non-transactional
///   append sink: process, then commit the offset (Kafka). A crash replays
///   from the last checkpoint and re-writes what was written since.
/// - exactly-once: checkpoint and a transactional sink (Flink 2PC; Kafka
///   KIP-98 writes the offsets in the same transaction as the output, read
///   with `read_committed`).
/// - exactly-once-idempotent: checkpoint and an idempotent upsert sink: the
///   replay re-writes the same rows, so the effect is exactly once.
public enum Guarantee: String, Sendable, CaseIterable {
    case atMostOnce = "at-most-once"
    case atLeastOnce = "at-least-once"
    case exactlyOnce = "exactly-once"
    case exactlyOnceIdempotent = "exactly-once-idempotent"

    /// Whether the engine takes checkpoints (or logs batches) and restores
    /// from them. At-most-once restores nothing: state is lost with a crash.
    public var usesCheckpoints: Bool { self != .atMostOnce }

    /// Parses a guarantee name; Kafka Streams' `processing.guarantee` values
    /// (`at_least_once`, `exactly_once_v2`) are accepted as aliases.
    public static func parse(_ text: String, field: String = "guarantee") throws(InputError) -> Guarantee {
        switch text {
        case "at_least_once": return .atLeastOnce
        case "exactly_once_v2", "exactly_once": return .exactlyOnce
        case "at_most_once": return .atMostOnce
        default:
            if let guarantee = Guarantee(rawValue: text) { return guarantee }
            let names = Guarantee.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(file: "<command line>", field: field,
                             reason: "unknown guarantee '\(text)'; expected one of \(names) (or at_least_once, exactly_once_v2)")
        }
    }
}
