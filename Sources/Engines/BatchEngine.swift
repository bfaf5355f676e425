import Dataflow
import SimKernel
import Workloads

/// The batch engine: the staleness baseline (Hive, MapReduce, Spark batch).
///
/// Model: a job runs at each schedule point (hourly, nightly, or once after
/// all data has arrived) over all data accumulated up to that point, and
/// publishes the complete result table as of then. Results are therefore
/// exact for the data present, never miss late data that arrived before the
/// job, and are stale by up to one schedule period. A job costs
/// `costs.perBatch` plus `costs.perRecord` per record it reads.
///
/// Incrementally, this is Spark's complete mode with no late filtering: each
/// job adds the records that arrived since the previous one and re-emits the
/// whole table; the last job runs with a watermark of +∞ so operators that
/// wait for event time (timers, Flink-style windows) finish too.
///
/// Processing-time timers fire at the jobs: each job drives processing time
/// to the time it finishes. A scheduled job with no new data still runs when
/// a timer is due by its end (a cron job runs whether or not data came), and
/// is skipped otherwise, since it would only repeat the last table.
public struct BatchEngine: StreamEngine {
    public enum Schedule: Equatable, Sendable {
        /// One job after the last record has arrived.
        case single
        /// A job at every multiple of `period` (e.g. hourly, nightly), and a
        /// last one at the first multiple after the last arrival.
        case every(Duration)

        public static let hourly = Schedule.every(.minutes(60))
        public static let nightly = Schedule.every(.minutes(24 * 60))
    }

    public var schedule: Schedule
    public var costs: EngineCosts

    public init(schedule: Schedule = .single, costs: EngineCosts = .free) {
        if case .every(let period) = schedule { precondition(period > .zero, "period must be positive") }
        self.schedule = schedule
        self.costs = costs
    }

    public func windowRules(for query: Query) -> WindowRules { .spark(outputMode: .complete) }

    /// `@inlinable`, as `RecordAtATimeEngine.run` is, so the scheduler's
    /// per-record loop is specialised for the caller's operator.
    @inlinable
    public func run<Op: StreamOperator, Events: Sequence>(_ op: inout Op, events: Events, into run: inout EngineRun<Op.Output>)
    where Events.Element == Event {
        let records = Array(events)
        var scheduler = BatchScheduler(op: op, costs: costs)
        var offset = 0
        var jobId = 0
        let lastArrival = records.last?.arrivalTime ?? .zero
        var jobTime = firstJobTime(firstArrival: records.first?.arrivalTime, lastArrival: lastArrival)
        // Bounded: each job advances `jobTime` by a period; the loop ends at the
        // first job at or after the last arrival.
        while true {
            let isLast = jobTime >= lastArrival
            var upper = offset
            while upper < records.count && records[upper].arrivalTime <= jobTime { upper += 1 }
            if upper > offset || isLast || scheduler.hasDueTimer(jobAt: jobTime) {
                scheduler.runJob(records[offset..<upper], id: jobId, at: jobTime, isLast: isLast, into: &run)
                offset = upper
                jobId += 1
            }
            guard !isLast, let next = nextJobTime(after: jobTime) else { break }
            jobTime = next
        }
        run.finishTime = scheduler.clock
        op = scheduler.op
    }

    /// The first job: at the last arrival for a single job, else at the first
    /// schedule point at or after the first arrival.
    public func firstJobTime(firstArrival: Instant?, lastArrival: Instant) -> Instant {
        switch schedule {
        case .single: return lastArrival
        case .every(let period):
            return Instant(micros: ScheduleClock.ceilMultiple(firstArrival?.micros ?? 0, period.micros))
        }
    }

    /// The schedule point after `jobTime`, or nil for a single job.
    public func nextJobTime(after jobTime: Instant) -> Instant? {
        guard case .every(let period) = schedule else { return nil }
        return jobTime + period
    }
}
