import SimKernel

/// Which delivery guarantees each real system offers, how each is selected,
/// and where that is documented. The default guarantee comes first.
/// The README's and lesson 07's tables are this catalog.
enum GuaranteeCatalog {
    /// Flink: checkpointing is off until an interval is set, and a job
    /// without checkpoints restarts with empty state from the committed
    /// offsets (at-most-once). With checkpoints, the sink decides:
    /// `DeliveryGuarantee.AT_LEAST_ONCE` flushes on checkpoints, `EXACTLY_ONCE`
    /// is a two-phase commit read with `read_committed`; an upsert sink keyed
    /// by the row makes replays idempotent. The 10 s interval is the lab's
    /// choice (Flink has no default); the barrier's synchronous pause is
    /// `CostModel.flink`'s (calibrated: too short to measure on one machine).
    static let flink: [OfferedGuarantee] = [
        OfferedGuarantee(.exactlyOnce,
                         configuration: "execution.checkpointing.interval=10s, KafkaSink DeliveryGuarantee.EXACTLY_ONCE, consumers isolation.level=read_committed",
                         source: "Flink docs: Fault Tolerance Guarantees of Data Sources and Sinks; Kafka connector, Fault Tolerance",
                         checkpointInterval: .seconds(10)),
        OfferedGuarantee(.atLeastOnce,
                         configuration: "execution.checkpointing.interval=10s, KafkaSink DeliveryGuarantee.AT_LEAST_ONCE",
                         source: "Flink docs: Kafka connector, Fault Tolerance", checkpointInterval: .seconds(10)),
        OfferedGuarantee(.exactlyOnceIdempotent,
                         configuration: "execution.checkpointing.interval=10s, an upsert sink keyed by the row (JDBC upsert, upsert-kafka)",
                         source: "Flink docs: Fault Tolerance Guarantees of Data Sources and Sinks (idempotent updates)",
                         checkpointInterval: .seconds(10)),
        OfferedGuarantee(.atMostOnce,
                         configuration: "checkpointing disabled (no execution.checkpointing.interval)",
                         source: "Flink docs: Checkpointing (without checkpoints a restarted job has no state to restore)"),
    ]

    /// Kafka Streams: `processing.guarantee` is `at_least_once` (default,
    /// commits every 30 s) or `exactly_once_v2` (commits every 100 ms, offsets
    /// and output in one transaction, KIP-98/KIP-447). There is no at-most-once.
    static let kafkaStreams: [OfferedGuarantee] = [
        OfferedGuarantee(.atLeastOnce, configuration: "processing.guarantee=at_least_once (commit.interval.ms=30000)",
                         source: "Kafka Streams docs: processing.guarantee, commit.interval.ms", checkpointInterval: .seconds(30)),
        OfferedGuarantee(.exactlyOnce, configuration: "processing.guarantee=exactly_once_v2 (commit.interval.ms=100)",
                         source: "Kafka Streams docs: processing.guarantee, commit.interval.ms; KIP-98, KIP-447",
                         checkpointInterval: .millis(100)),
    ]

    /// Storm core: acking off drops the tuples in flight and the bolts'
    /// in-memory state; acking on replays un-acked tuples from the spout, and
    /// `IStatefulBolt` state is checkpointed every
    /// `topology.state.checkpoint.interval.ms` (1 s by default) with an
    /// at-least-once guarantee for state updates. Exactly-once needs Trident,
    /// which the lab does not model.
    static let storm: [OfferedGuarantee] = [
        OfferedGuarantee(.atLeastOnce,
                         configuration: "acking on (topology.acker.executors > 0), IStatefulBolt, topology.state.checkpoint.interval.ms=1000",
                         source: "Storm docs: Guaranteeing Message Processing; State Checkpointing", checkpointInterval: .seconds(1)),
        OfferedGuarantee(.atMostOnce, configuration: "acking off (topology.acker.executors=0)",
                         source: "Storm docs: Guaranteeing Message Processing"),
    ]

    /// Samza: offsets are checkpointed every `task.commit.ms` (60 s) with the
    /// changelog-backed stores flushed; a restarted task restores its store
    /// and replays from the checkpointed offsets: at-least-once, the only mode.
    static let samza: [OfferedGuarantee] = [
        OfferedGuarantee(.atLeastOnce, configuration: "task.commit.ms=60000, changelog-backed stores",
                         source: "Samza docs: Checkpointing; State Management", checkpointInterval: .seconds(60)),
    ]

    /// Spark Structured Streaming: offsets go to the offset log before a batch
    /// and the commit log after it; a re-run batch keeps its id. A sink that
    /// skips committed batch ids (the file sink's metadata log, a
    /// `foreachBatch` keyed by batch id) gives exactly-once; a sink that only
    /// appends (Kafka sink, `foreach`) gives at-least-once. No at-most-once mode.
    static let sparkStructuredStreaming: [OfferedGuarantee] = [
        OfferedGuarantee(.exactlyOnce, configuration: "checkpointLocation set, file sink (or foreachBatch skipping committed batch ids)",
                         source: "Structured Streaming Programming Guide: Fault Tolerance Semantics; Output Sinks"),
        OfferedGuarantee(.atLeastOnce, configuration: "checkpointLocation set, Kafka sink or foreach",
                         source: "Structured Streaming + Kafka Integration Guide: writing to Kafka is at-least-once"),
        OfferedGuarantee(.exactlyOnceIdempotent, configuration: "checkpointLocation set, foreachBatch with an idempotent MERGE",
                         source: "Structured Streaming Programming Guide: foreachBatch"),
    ]

    /// Spark's continuous processing (`Trigger.Continuous`): the
    /// programming guide's "Continuous Processing" section gives
    /// at-least-once only: epochs commit their offsets asynchronously every
    /// checkpoint interval, and after a failure the query restarts from the
    /// last committed epoch while the sink may already hold part of the
    /// next. Exactly-once is not offered, whatever the sink.
    static let sparkContinuous: [OfferedGuarantee] = [
        OfferedGuarantee(.atLeastOnce, configuration: "trigger(continuous=\"1 second\"), checkpointLocation set",
                         source: "Structured Streaming Programming Guide: Continuous Processing (at-least-once fault-tolerance guarantees)"),
    ]

    /// DStreams: with checkpointing and the write-ahead log (or the direct
    /// Kafka stream), received data is not lost and output is at-least-once;
    /// exactly-once needs an output that is idempotent or transactional keyed
    /// by batch time, which the user writes ("limited" exactly-once). Without
    /// checkpointing a driver failure loses the buffered data and the state.
    static let sparkDStream: [OfferedGuarantee] = [
        OfferedGuarantee(.atLeastOnce, configuration: "ssc.checkpoint(dir), spark.streaming.receiver.writeAheadLog.enable=true",
                         source: "Spark Streaming Programming Guide: Fault-tolerance Semantics"),
        OfferedGuarantee(.exactlyOnce, configuration: "checkpointing plus a transactional output keyed by batch time (user code)",
                         source: "Spark Streaming Programming Guide: Semantics of output operations"),
        OfferedGuarantee(.exactlyOnceIdempotent, configuration: "checkpointing plus an idempotent output (user code)",
                         source: "Spark Streaming Programming Guide: Semantics of output operations"),
        OfferedGuarantee(.atMostOnce, configuration: "no checkpointing, no write-ahead log",
                         source: "Spark Streaming Programming Guide: Fault-tolerance Semantics (driver failure without checkpoints)"),
    ]

    /// A scheduled batch job: a failed job is re-run over the same input cut.
    /// Its output becomes visible when the job commits (`committer` renames
    /// the job's output into place), so readers see each job once; a job that
    /// appends as its tasks run writes again when re-run (at-least-once).
    static func batchJob(committer: String) -> [OfferedGuarantee] {
        [
            OfferedGuarantee(.exactlyOnce, configuration: "job output committed at job end (\(committer)), table overwritten",
                             source: "Hadoop MapReduce docs: OutputCommitter; Hive docs: INSERT OVERWRITE"),
            OfferedGuarantee(.atLeastOnce, configuration: "tasks append to the target as they run (INSERT INTO a non-transactional store)",
                             source: "Hadoop MapReduce docs: task re-execution"),
        ]
    }
}
