import Dataflow
import SimKernel
import Workloads

/// The three engine kinds the CLI's `--engine` names.
public enum EngineKind: String, CaseIterable, Sendable {
    case record
    case microbatch
    case batch
}

/// A named system the lessons talk about (Flink, Kafka Streams, Spark, Hive,
/// ...), expressed as one of the three engines plus a cost model. A preset
/// is configuration, never new semantics: every preset runs the shared
/// operators, so their results differ only where the real systems'
/// *scheduling* differs (when a window closes, which clock it follows, how
/// long a batch takes).
public struct Preset: Sendable {
    /// Which clock windows follow.
    public enum TimeDomain: Sendable, Equatable {
        /// Event time with the query's watermark delay.
        case eventTime
        /// Arrival (ingestion) time: records are re-stamped with the time
        /// the source received them, as Storm's and Samza's default windows
        /// and Spark DStreams see them.
        case processingTime
    }

    public enum Schedule: Sendable, Equatable {
        case record(emission: WatermarkStrategy.Emission)
        case microBatch(trigger: MicroBatchEngine.Trigger)
        case batch(BatchEngine.Schedule)
    }

    public let name: String
    /// One line for `--help` and listings.
    public let summary: String
    public let schedule: Schedule
    public let timeDomain: TimeDomain
    /// A `var` so a run can change the degree of parallelism (`--parallelism`).
    public var costModel: CostModel
    /// The delivery guarantees the real system offers, its default first,
    /// each with the configuration that selects it and its source. The
    /// Delivery layer runs them; a guarantee not listed is refused.
    public let guarantees: [OfferedGuarantee]

    public var engineKind: EngineKind {
        switch schedule {
        case .record: return .record
        case .microBatch: return .microbatch
        case .batch: return .batch
        }
    }

    /// Builds the engine for a query whose watermark delay (Kafka Streams:
    /// grace period) is `watermarkDelay` and which touches state
    /// `stateAccessesPerRecord` times per record.
    public func makeEngine(watermarkDelay: Duration, stateAccessesPerRecord: Int) -> any StreamEngine {
        let costs = costModel.engineCosts(stateAccessesPerRecord: stateAccessesPerRecord)
        // Processing-time records arrive in time order, so no delay is needed.
        let delay = timeDomain == .processingTime ? Duration.zero : watermarkDelay
        switch schedule {
        case .record(let emission):
            return RecordAtATimeEngine(watermark: WatermarkStrategy(delay: delay, emission: emission), costs: costs)
        case .microBatch(let trigger):
            let domain: MicroBatchEngine.TimeDomain = timeDomain == .processingTime ? .processingTime : .eventTime
            return MicroBatchEngine(trigger: trigger, watermarkDelay: delay, costs: costs, timeDomain: domain)
        case .batch(let schedule):
            return BatchEngine(schedule: schedule, costs: costs)
        }
    }

    /// The record as this preset's engine sees it: unchanged in event time;
    /// re-stamped with its arrival time in processing time.
    @inlinable
    public func prepare(_ event: Event) -> Event {
        guard timeDomain == .processingTime else { return event }
        var stamped = event
        stamped.eventTime = event.arrivalTime
        return stamped
    }
}
