import Dataflow
import SimKernel
import Workloads

/// The micro-batch engine, with Spark Structured Streaming's semantics.
///
/// Model: the source is a log; a batch is planned from its offsets, taking
/// every record that has arrived by the trigger time (at most
/// `maxRecordsPerTrigger`, like `maxOffsetsPerTrigger` / `maxFilesPerTrigger`).
/// A batch costs `costs.perBatch` plus `costs.perRecord` per record and emits
/// its rows when it commits, at its end. Each batch has two watermarks
/// (`IncrementalExecution`, `WatermarkPropagator`): late rows are filtered
/// with the previous batch's watermark, state is evicted with the current
/// one, which was computed at the end of the previous batch
/// (`SparkWatermarkTracker`). When no new data has arrived, a no-data batch
/// runs exactly when Spark's `shouldRunAnotherBatch` holds: the watermark
/// the next batch would use is greater than the last batch's eviction
/// watermark (`spark.sql.streaming.noDataMicroBatches.enabled`, on by
/// default). Batch ids count no-data batches.
///
/// The processing-time domain models the legacy DStream API: a record's time
/// is its batch's time, every interval runs a batch (empty or not), and each
/// batch closes the windows ending by its time. That batch stamp only places
/// a record in its batch's windows; it is not when anything happened, so a
/// row's latest event time is put back to its latest arrival (DStreams know
/// no other clock) and latency runs, as on the other engines, from the
/// row's latest input to the end of the batch that emits it.
public struct MicroBatchEngine: StreamEngine, Sendable {
    public enum Trigger: Equatable, Sendable {
        /// `Trigger.ProcessingTime(interval)`: batches at multiples of the
        /// interval, or right after the previous one when it overran.
        case fixedInterval(Duration)
        /// `Trigger.Once`: one batch over everything available, nothing more.
        case once
        /// `Trigger.AvailableNow`: everything available, in as many batches as
        /// `maxRecordsPerTrigger` needs, then the trailing no-data batch.
        case availableNow
        /// Batch boundaries given by the caller: `batches[i]` is the number of
        /// records of batch i (the replay interface's `batch` field, one file
        /// per batch with `maxFilesPerTrigger=1`), then the trailing no-data
        /// batch that `processAllAvailable()` runs.
        case explicit(batchSizes: [Int])
        /// No trigger set (`DataStreamWriter.trigger` never called): Spark
        /// uses `Trigger.ProcessingTime(0)`, so `ProcessingTimeExecutor`
        /// starts the next batch as soon as the previous one finishes. When a
        /// trigger finds no new data (and no no-data batch is due),
        /// `MicroBatchExecution.runActivatedStream` sleeps `pollingDelayMs`
        /// (`spark.sql.streaming.pollingDelay`, 10 ms by default) and looks
        /// again. So the lab's batches start at the end of the previous batch,
        /// or at the first poll at or after the next arrival when idle.
        case asSoonAsPreviousEnds(pollingDelay: Duration)
        /// `Trigger.Continuous(checkpointInterval)` (`ContinuousExecution`):
        /// long-running tasks handle each record as it arrives, with no batch
        /// overhead (Spark's guide: latencies as low as 1 ms), and an epoch
        /// marker every `checkpointInterval` commits the offsets. Only
        /// map-like queries are allowed (`UnsupportedOperationChecker
        /// .checkForContinuous` rejects aggregations), and the guarantee is
        /// at-least-once only: a failed epoch is re-run from its start
        /// offsets after the sink may already have written part of it.
        case continuous(checkpointInterval: Duration)

        /// Spark's default: no trigger set, a 10 ms polling delay.
        public static let sparkDefault = Trigger.asSoonAsPreviousEnds(pollingDelay: .millis(10))
    }

    public enum TimeDomain: Equatable, Sendable {
        case eventTime
        /// DStreams: only processing time; requires a fixed-interval trigger.
        case processingTime
    }

    public var trigger: Trigger
    public var watermarkDelay: Duration
    public var outputMode: OutputMode?
    public var costs: EngineCosts
    public var maxRecordsPerTrigger: Int?
    public var noDataBatches: Bool
    public var timeDomain: TimeDomain
    public var mutation: RuleMutation?

    public init(
        trigger: Trigger, watermarkDelay: Duration, outputMode: OutputMode? = nil, costs: EngineCosts = .free,
        maxRecordsPerTrigger: Int? = nil, noDataBatches: Bool = true, timeDomain: TimeDomain = .eventTime,
        mutation: RuleMutation? = nil
    ) {
        precondition(maxRecordsPerTrigger.map { $0 > 0 } ?? true, "maxRecordsPerTrigger must be positive")
        if timeDomain == .processingTime, case .fixedInterval = trigger {} else if timeDomain == .processingTime {
            preconditionFailure("the processing-time (DStream) domain needs a fixed-interval trigger")
        }
        if case .fixedInterval(let interval) = trigger { precondition(interval > .zero, "interval must be positive") }
        if case .asSoonAsPreviousEnds(let delay) = trigger { precondition(delay > .zero, "polling delay must be positive") }
        if case .continuous(let interval) = trigger { precondition(interval > .zero, "checkpoint interval must be positive") }
        self.trigger = trigger
        self.watermarkDelay = watermarkDelay
        self.outputMode = outputMode
        self.costs = costs
        self.maxRecordsPerTrigger = maxRecordsPerTrigger
        self.noDataBatches = noDataBatches
        self.timeDomain = timeDomain
        self.mutation = mutation
    }

    /// The engine's output mode wins over the query's when set.
    public func windowRules(for query: Query) -> WindowRules {
        .spark(outputMode: timeDomain == .processingTime ? .append : (outputMode ?? query.outputMode))
    }

    public func run<Op: StreamOperator, Events: Sequence>(_ op: inout Op, events: Events, into run: inout EngineRun<Op.Output>)
    where Events.Element == Event {
        var driver = MicroBatchDriver<Op>(engine: self, op: op, events: Array(events), isCompleteMode: !op.plansNoDataBatches)
        let first = run.outputs.count
        let forward = run.forward
        if timeDomain == .processingTime, let forward {
            run.forward = { output, time, batch in
                var output = output
                Self.restoreArrivalTime(&output)
                forward(output, time, batch)
            }
        }
        swap(&driver.run, &run)
        driver.runAll()
        swap(&driver.run, &run)
        run.forward = forward
        op = driver.scheduler.op
        if timeDomain == .processingTime {
            for index in first..<run.outputs.count { Self.restoreArrivalTime(&run.outputs[index].output) }
        }
    }

    /// DStream mode: undoes the batch-time stamp on a row that carries its
    /// latest input's time (a window row); other outputs are left alone.
    static func restoreArrivalTime<Output>(_ output: inout Output) {
        guard var row = output as? any BatchStampedOutput else { return }
        row.restoreLatestArrivalAsEventTime()
        output = row as! Output
    }
}

/// An output that records the latest event time of its inputs, which
/// DStream mode overwrote with the batch time.
protocol BatchStampedOutput {
    mutating func restoreLatestArrivalAsEventTime()
}

extension WindowResult: BatchStampedOutput {
    mutating func restoreLatestArrivalAsEventTime() { aggregates.latestEventTime = aggregates.latestArrivalTime }
}
