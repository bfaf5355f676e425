import SimKernel

/// Kafka Streams' event-time progress: *stream time* is the largest record
/// timestamp a task has seen; a window `[start, end)` closes, and records
/// for it are dropped as expired, once `end <= streamTime − grace`
/// (`KStreamWindowAggregate`: `closeTime = observedStreamTime − grace`, a
/// record is processed only while `windowEnd > closeTime`). Stream time is
/// advanced per record, so progress is per event.
///
/// The lab runs Kafka Streams on the record-at-a-time scheduler with Flink's
/// window rules. Flink fires a window when `end − 1 <= watermark` and skips
/// it when `end − 1 + allowedLateness <= watermark`; with allowed lateness 0
/// and a watermark of `streamTime − grace − 1` both become
/// `end <= streamTime − grace`, Kafka Streams' rule. So the progress Kafka
/// Streams feeds the shared operator is Flink's bounded-out-of-orderness
/// generator with the grace period as the bound, emitted per event; this
/// type names that equivalence once instead of restating the formula.
public enum KafkaStreamsStreamTime {
    /// The per-event generator whose watermark closes windows exactly when
    /// stream time minus `grace` reaches their end.
    public static func generator(grace: Duration) -> FlinkWatermarkGenerator {
        FlinkWatermarkGenerator(outOfOrderness: grace)
    }

    /// `observedStreamTime − grace`: windows ending at or before it are closed.
    public static func closeTime(streamTime: Instant, grace: Duration) -> Instant {
        streamTime == .min ? .min : streamTime - grace
    }
}
