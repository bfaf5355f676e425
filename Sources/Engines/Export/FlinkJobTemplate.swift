/// The Flink DataStream job `streamlab export --to flink` writes as
/// `StreamLabJob.java`: one self-contained file, compiled against the jars
/// the apache-flink wheel ships (`javac -cp "pyflink/lib/*"`).
///
/// It runs the exported query the way `streamlab replay --engine record`
/// models Flink (and as Conformance/flink/FlinkReplay.java does): parallelism
/// 1, the periodic watermark interval off, a punctuated generator emitting
/// `max − delay − 1` after every event, keyed event-time windows with allowed
/// lateness and a late side output, and the bounded source's final +∞
/// watermark. Rows are written in the replay output format.
enum FlinkJobTemplate {
    static let fileName = "StreamLabJob.java"

    static let source = #"""
// StreamLab export: the scenario's windowed aggregation as an Apache Flink DataStream job.
// Usage: java ... StreamLabJob [DIR]   (reads DIR/query.json and DIR/events.jsonl, writes DIR/output.jsonl)
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

public final class StreamLabJob {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TypeInformation<Tuple3<String, Long, Long>> EVENT = Types.TUPLE(Types.STRING, Types.LONG, Types.LONG);
    static final TypeInformation<Tuple4<Long, Long, Long, Long>> TOTALS =
            Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG);

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of(arguments.length > 0 ? arguments[0] : ".");
        JsonNode query = JSON.readTree(directory.resolve("query.json").toFile());
        long delayMillis = query.path("watermark_delay_ms").asLong(0);
        List<Tuple3<String, Long, Long>> events = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode event = JSON.readTree(line);
            events.add(Tuple3.of(event.path("key").asText(), event.path("ts_ms").asLong(), event.path("value").asLong()));
        }

        StreamExecutionEnvironment environment = StreamExecutionEnvironment.createLocalEnvironment(1);
        environment.getConfig().setAutoWatermarkInterval(0);
        OutputTag<Tuple3<String, Long, Long>> lateTag = new OutputTag<>("late", EVENT);
        SingleOutputStreamOperator<String> rows = environment.fromData(events, EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Tuple3<String, Long, Long>>forGenerator(context -> new PerEventWatermarks(delayMillis))
                        .withTimestampAssigner((event, previous) -> event.f1))
                .keyBy(event -> event.f0, Types.STRING)
                .window(assigner(query.path("window")))
                .allowedLateness(Duration.ofMillis(query.path("allowed_lateness_ms").asLong(0)))
                .sideOutputLateData(lateTag)
                .aggregate(new Totals(), new Rows(), TOTALS, TOTALS, Types.STRING);
        DataStream<String> late = rows.getSideOutput(lateTag).map(
                event -> "{\"late\":true,\"key\":" + JSON.writeValueAsString(event.f0)
                        + ",\"ts_ms\":" + event.f1 + ",\"value\":" + event.f2 + "}", Types.STRING);
        List<String> output = new ArrayList<>();
        try (CloseableIterator<String> results = rows.union(late).executeAndCollect("streamlab-export")) {
            results.forEachRemaining(output::add);
        }
        Path target = directory.resolve("output.jsonl");
        Path temporary = directory.resolve("output.jsonl.tmp");
        Files.write(temporary, output, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + output.size() + " rows to " + target);
    }

    static WindowAssigner<Object, TimeWindow> assigner(JsonNode window) {
        switch (window.path("type").asText()) {
            case "tumbling": return TumblingEventTimeWindows.of(Duration.ofMillis(window.path("size_ms").asLong()));
            case "sliding": return SlidingEventTimeWindows.of(
                    Duration.ofMillis(window.path("size_ms").asLong()), Duration.ofMillis(window.path("slide_ms").asLong()));
            case "session": return EventTimeSessionWindows.withGap(Duration.ofMillis(window.path("gap_ms").asLong()));
            default: throw new IllegalArgumentException("query.json: window.type: unknown type");
        }
    }

    /** Flink's bounded-out-of-orderness rule, max − delay − 1, emitted after every event. */
    public static final class PerEventWatermarks implements WatermarkGenerator<Tuple3<String, Long, Long>> {
        private final long delayMillis;
        private long maxTimestamp;

        PerEventWatermarks(long delayMillis) {
            this.delayMillis = delayMillis;
            this.maxTimestamp = Long.MIN_VALUE + delayMillis + 1;
        }

        @Override
        public void onEvent(Tuple3<String, Long, Long> event, long timestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, timestamp);
            output.emitWatermark(new Watermark(maxTimestamp - delayMillis - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** count, sum, min and max of value; merge serves session windows. */
    public static final class Totals implements
            AggregateFunction<Tuple3<String, Long, Long>, Tuple4<Long, Long, Long, Long>, Tuple4<Long, Long, Long, Long>> {
        public Tuple4<Long, Long, Long, Long> createAccumulator() { return Tuple4.of(0L, 0L, Long.MAX_VALUE, Long.MIN_VALUE); }

        public Tuple4<Long, Long, Long, Long> add(Tuple3<String, Long, Long> event, Tuple4<Long, Long, Long, Long> t) {
            return Tuple4.of(t.f0 + 1, t.f1 + event.f2, Math.min(t.f2, event.f2), Math.max(t.f3, event.f2));
        }

        public Tuple4<Long, Long, Long, Long> getResult(Tuple4<Long, Long, Long, Long> t) { return t; }

        public Tuple4<Long, Long, Long, Long> merge(Tuple4<Long, Long, Long, Long> a, Tuple4<Long, Long, Long, Long> b) {
            return Tuple4.of(a.f0 + b.f0, a.f1 + b.f1, Math.min(a.f2, b.f2), Math.max(a.f3, b.f3));
        }
    }

    /** One replay output row per firing (a late but allowed element fires the window again). */
    public static final class Rows extends ProcessWindowFunction<Tuple4<Long, Long, Long, Long>, String, String, TimeWindow> {
        @Override
        public void process(String key, Context context, Iterable<Tuple4<Long, Long, Long, Long>> totals, Collector<String> out)
                throws Exception {
            for (Tuple4<Long, Long, Long, Long> t : totals) {
                out.collect("{\"key\":" + JSON.writeValueAsString(key) + ",\"window_start_ms\":" + context.window().getStart()
                        + ",\"window_end_ms\":" + context.window().getEnd() + ",\"count\":" + t.f0 + ",\"sum\":" + t.f1
                        + ",\"min\":" + t.f2 + ",\"max\":" + t.f3 + "}");
            }
        }
    }
}
"""#
}
