import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * StreamLab's timing calibration on real Flink (issue 18): a keyed 1 s
 * tumbling count with bounded-out-of-orderness watermarks, read live from the
 * feeder's socket, one result row per window with the wall-clock time at
 * which it became visible.
 *
 * Arguments: PORT OUT_FILE CHECKPOINT_MS WATERMARK_DELAY_MS WINDOW_MS
 * - CHECKPOINT_MS = 0: no checkpoints; each row is written (and flushed) as
 *   the window fires, so its time is the processing-time visibility.
 * - CHECKPOINT_MS > 0: exactly-once checkpoints at that interval and a
 *   two-phase-commit sink (Sink V2 with a committer): the writer hands its
 *   rows over as a committable when the barrier arrives, and the committer
 *   publishes them once the checkpoint completes, the read-committed
 *   visibility of a transactional sink.
 *
 * Input lines are "key,event_ms". The watermark is Flink's
 * forBoundedOutOfOrderness (max − delay − 1), emitted every 200 ms, the
 * default auto-watermark interval. Parallelism 1: one task slot.
 */
public final class CalibrationJob {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String out = args[1];
        long checkpointMs = Long.parseLong(args[2]);
        long delayMs = Long.parseLong(args[3]);
        long windowMs = Long.parseLong(args[4]);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.getConfig().setAutoWatermarkInterval(200);
        // Flush network buffers on every record and watermark. With the
        // default 100 ms buffer timeout, the watermark waits at the keyBy
        // exchange for the output flusher, a thread whose phase no user code
        // can observe, and the lab could not replay it (Calibration/README.md).
        env.setBufferTimeout(0);
        if (checkpointMs > 0) {
            env.enableCheckpointing(checkpointMs, CheckpointingMode.EXACTLY_ONCE);
        }
        String ticks = out + ".ticks";
        WatermarkStrategy<Tuple2<String, Long>> watermarks = WatermarkStrategy
            .<Tuple2<String, Long>>forGenerator(context -> new LoggedBoundedOutOfOrderness(delayMs, ticks))
            .withTimestampAssigner((event, previous) -> event.f1);
        var rows = env.socketTextStream("127.0.0.1", port)
            .map(line -> {
                int comma = line.indexOf(',');
                return Tuple2.of(line.substring(0, comma), Long.parseLong(line.substring(comma + 1).trim()));
            })
            .returns(Types.TUPLE(Types.STRING, Types.LONG))
            .assignTimestampsAndWatermarks(watermarks)
            .keyBy(event -> event.f0)
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(windowMs)))
            .aggregate(new Count(), new Row())
            .returns(Types.STRING);
        if (checkpointMs > 0) {
            rows.sinkTo(new CommittedFileSink(out, out + ".barriers"));
        } else {
            rows.sinkTo(new DirectFileSink(out));
        }
        env.execute("streamlab-calibration");
    }

    /**
     * Flink's bounded out-of-orderness rule (max − delay − 1, emitted on each
     * periodic tick, as BoundedOutOfOrdernessWatermarks does), which also
     * writes each tick's wall-clock time: the timer's phase and period are
     * facts of the run that `streamlab calibrate --check` replays.
     */
    static final class LoggedBoundedOutOfOrderness implements WatermarkGenerator<Tuple2<String, Long>> {
        private final long delayMs;
        private final String path;
        private long maxTimestamp = Long.MIN_VALUE;
        private BufferedWriter writer;

        LoggedBoundedOutOfOrderness(long delayMs, String path) {
            this.delayMs = delayMs;
            this.path = path;
        }

        public void onEvent(Tuple2<String, Long> event, long timestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, timestamp);
        }

        public void onPeriodicEmit(WatermarkOutput output) {
            try {
                if (writer == null) writer = append(path);
                writer.write(System.currentTimeMillis() + "\n");
                writer.flush();
            } catch (IOException error) {
                throw new java.io.UncheckedIOException(error);
            }
            if (maxTimestamp != Long.MIN_VALUE) output.emitWatermark(new Watermark(maxTimestamp - delayMs - 1));
        }
    }

    static final class Count implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        public Long createAccumulator() { return 0L; }
        public Long add(Tuple2<String, Long> event, Long count) { return count + 1; }
        public Long getResult(Long count) { return count; }
        public Long merge(Long a, Long b) { return a + b; }
    }

    /** "key,window_start_ms,count" for one fired window. */
    static final class Row extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        public void process(String key, Context context, Iterable<Long> counts, Collector<String> out) {
            out.collect(key + "," + context.window().getStart() + "," + counts.iterator().next());
        }
    }

    static BufferedWriter append(String path) throws IOException {
        return new BufferedWriter(new FileWriter(path, StandardCharsets.UTF_8, true));
    }

    /** Writes each row the moment it arrives, stamped with the wall clock. */
    static final class DirectFileSink implements Sink<String> {
        private final String path;
        DirectFileSink(String path) { this.path = path; }

        public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
            BufferedWriter writer = append(path);
            return new SinkWriter<>() {
                public void write(String row, Context ignored) throws IOException {
                    writer.write(row + "," + System.currentTimeMillis() + "\n");
                    writer.flush();
                }
                public void flush(boolean endOfInput) throws IOException { writer.flush(); }
                public void close() throws IOException { writer.close(); }
            };
        }
    }

    /**
     * Two-phase commit: rows are pre-committed with the checkpoint barrier and
     * become visible (are written, stamped) only when Flink calls the
     * committer after the checkpoint completed.
     */
    static final class CommittedFileSink implements Sink<String>, SupportsCommitter<String> {
        private final String path;
        private final String barriers;
        CommittedFileSink(String path, String barriers) {
            this.path = path;
            this.barriers = barriers;
        }

        public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
            BufferedWriter barrierLog = append(barriers);
            return new CommittingSinkWriter<String, String>() {
                private final List<String> pending = new ArrayList<>();
                public void write(String row, Context ignored) { pending.add(row); }
                public void flush(boolean endOfInput) { }
                /** Called when the checkpoint barrier reaches the sink: the pre-commit. */
                public Collection<String> prepareCommit() throws IOException {
                    barrierLog.write(System.currentTimeMillis() + "\n");
                    barrierLog.flush();
                    if (pending.isEmpty()) return Collections.emptyList();
                    String batch = String.join("\n", pending);
                    pending.clear();
                    return Collections.singletonList(batch);
                }
                public void close() throws IOException { barrierLog.close(); }
            };
        }

        public Committer<String> createCommitter(CommitterInitContext context) throws IOException {
            BufferedWriter writer = append(path);
            return new Committer<>() {
                public void commit(Collection<CommitRequest<String>> requests) throws IOException {
                    long now = System.currentTimeMillis();
                    for (CommitRequest<String> request : requests) {
                        for (String row : request.getCommittable().split("\n")) {
                            writer.write(row + "," + now + "\n");
                        }
                    }
                    writer.flush();
                }
                public void close() throws IOException { writer.close(); }
            };
        }

        public SimpleVersionedSerializer<String> getCommittableSerializer() {
            return new SimpleVersionedSerializer<>() {
                public int getVersion() { return 1; }
                public byte[] serialize(String batch) { return batch.getBytes(StandardCharsets.UTF_8); }
                public String deserialize(int version, byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
            };
        }
    }
}
