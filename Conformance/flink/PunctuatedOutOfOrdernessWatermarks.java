import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Flink's BoundedOutOfOrdernessWatermarks rule (watermark = max timestamp −
 * out-of-orderness − 1), but emitted after every event instead of on the
 * periodic timer, so the watermark sequence depends only on the input order.
 * This is the per-event generator that `streamlab replay --engine record`
 * models (issue 3, section 9).
 */
public final class PunctuatedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
    private final long delayMillis;
    // Start low enough that max − delay − 1 cannot overflow, as Flink's own generator does.
    private long maxTimestamp;

    public PunctuatedOutOfOrdernessWatermarks(long delayMillis) {
        this.delayMillis = delayMillis;
        this.maxTimestamp = Long.MIN_VALUE + delayMillis + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        output.emitWatermark(new Watermark(maxTimestamp - delayMillis - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Periodic emission is off (interval 0); watermarks come from onEvent only.
    }
}
