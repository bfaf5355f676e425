import Dataflow
import SimKernel
import Workloads

/// A windowed query for `streamlab run`, with what the report and the cost
/// model need to know about it.
public struct RunQuery: Sendable {
    public var query: Query
    /// One line for the report, e.g. "add-to-cart count per SKU per 1 min tumbling window".
    public var summary: String

    public init(query: Query, summary: String) {
        self.query = query
        self.summary = summary
    }

    /// How many window states a record touches: one for tumbling and
    /// session windows, `ceil(size / slide)` for sliding ones. The cost
    /// model charges a state access for each.
    public var stateAccessesPerRecord: Int {
        switch query.window {
        case .tumbling, .session, .unwindowed: return 1
        // A record updates its own left window and the windows around it: two on average.
        case .kafkaSliding: return 2
        case .sliding(let size, let slide, _): return Int((size.micros + slide.micros - 1) / slide.micros)
        }
    }
}

/// The default query of each built-in scenario (its lesson's question); any
/// other scenario (the reference benchmark workload among them) gets a
/// per-key count over 1 s tumbling windows.
public enum DefaultQueries {
    public static func query(for scenario: Scenario) -> RunQuery {
        let kind = { (name: String) -> UInt16? in scenario.kindIndex(name) }
        switch scenario.name {
        case "theworldshop-viral-night":
            return RunQuery(
                query: Query(
                    watermark: WatermarkStrategy(delay: .seconds(5)), filter: filter(kind("add-to-cart")),
                    window: .tumbling(size: .minutes(1))),
                summary: "add-to-cart count per SKU per 1 min tumbling window, watermark delay 5 s")
        case "iot-sensors":
            return RunQuery(
                query: Query(
                    watermark: WatermarkStrategy(delay: .seconds(10)), window: .tumbling(size: .minutes(1)),
                    aggregates: AggregateSpec([.count, .avg])),
                summary: "average reading per device per 1 min tumbling window, watermark delay 10 s")
        case "card-transactions":
            return RunQuery(
                query: Query(watermark: WatermarkStrategy(delay: .seconds(5)), window: .tumbling(size: .minutes(5))),
                summary: "transaction count per card per 5 min tumbling window, watermark delay 5 s")
        case "clickstream-sessions":
            let gapSeconds = Int64(scenario.parameter("session_gap_s") ?? 300)
            return RunQuery(
                query: Query(watermark: WatermarkStrategy(delay: .seconds(10)), window: .session(gap: .seconds(gapSeconds))),
                summary: "clicks per user session (gap \(gapSeconds) s), watermark delay 10 s")
        case "nexmark":
            return RunQuery(
                query: Query(
                    watermark: WatermarkStrategy(delay: .seconds(1)), filter: filter(kind("bid")),
                    window: .sliding(size: .seconds(10), slide: .seconds(2))),
                summary: "NEXMark Q5-like: bids per auction per 10 s window sliding every 2 s, watermark delay 1 s")
        default:
            return RunQuery(
                query: Query(watermark: WatermarkStrategy(delay: .seconds(1)), window: .tumbling(size: .seconds(1))),
                summary: "event count per key per 1 s tumbling window, watermark delay 1 s")
        }
    }

    static func filter(_ kind: UInt16?) -> (@Sendable (Event) -> Bool)? {
        guard let kind else { return nil }
        return { $0.kind == kind }
    }
}
