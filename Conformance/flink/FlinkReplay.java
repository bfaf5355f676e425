// The Flink side of StreamLab's conformance suite: a real Apache Flink 2.3
// DataStream job that runs replay cases (issue 3, section 9) and writes the
// replay output format, so its rows can be compared with `streamlab replay
// --engine record`.
//
// Model: one local environment with parallelism 1 and the periodic watermark
// interval off. Each case is its own source → punctuated watermarks → keyBy →
// event-time window (allowed lateness, late side output) → aggregate chain,
// or, for a query with a "pattern", keyBy → Flink CEP (CepCase.java).
// Flink: a bounded source ends with a final +∞ watermark, which fires every
// open window. Several cases share one job (their chains are disconnected, so
// their watermarks never mix), and one JVM serves a whole suite: it reads job
// lines on stdin and answers one line per job, so JVM start-up is paid once.
//
// Protocol, one line per job on stdin: case directories separated by tabs.
// Each directory holds query.json and events.jsonl; the job writes
// flink.jsonl beside them and then prints "done N" (or "error MESSAGE").
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;

public final class FlinkReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] arguments) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = input.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] directories = line.split("\t");
            try {
                runJob(directories);
                System.out.println("@@streamlab done " + directories.length);
            } catch (Exception error) {
                String message = String.valueOf(error).replace('\n', ' ');
                System.out.println("@@streamlab error " + message);
            }
            System.out.flush();
        }
    }

    /** Builds one disconnected pipeline per case, runs them as one job, and splits the output by case. */
    static void runJob(String[] directories) throws Exception {
        StreamExecutionEnvironment environment = StreamExecutionEnvironment.createLocalEnvironment(1);
        // Flink: with the periodic interval at 0 only the punctuated generator emits watermarks.
        environment.getConfig().setAutoWatermarkInterval(0);
        DataStream<String> all = null;
        for (int index = 0; index < directories.length; index++) {
            DataStream<String> rows = buildCase(environment, index, Path.of(directories[index]));
            all = all == null ? rows : all.union(rows);
        }
        List<List<String>> outputs = new ArrayList<>();
        for (int index = 0; index < directories.length; index++) outputs.add(new ArrayList<>());
        try (CloseableIterator<String> results = all.executeAndCollect("streamlab-conformance")) {
            while (results.hasNext()) {
                String tagged = results.next();
                int tab = tagged.indexOf('\t');
                outputs.get(Integer.parseInt(tagged.substring(0, tab))).add(tagged.substring(tab + 1));
            }
        }
        for (int index = 0; index < directories.length; index++) {
            writeAtomically(Path.of(directories[index], "flink.jsonl"), outputs.get(index));
        }
    }

    static DataStream<String> buildCase(StreamExecutionEnvironment environment, int index, Path directory)
            throws IOException {
        JsonNode query = JSON.readTree(directory.resolve("query.json").toFile());
        if (CepCase.isPattern(query)) return CepCase.build(environment, index, directory, query);
        long delayMillis = query.path("watermark_delay_ms").asLong(0);
        long latenessMillis = query.path("allowed_lateness_ms").asLong(0);
        List<Tuple3<String, Long, Long>> events = readEvents(directory.resolve("events.jsonl"));
        OutputTag<Tuple3<String, Long, Long>> lateTag =
                new OutputTag<>("late-" + index, Types.TUPLE(Types.STRING, Types.LONG, Types.LONG));

        DataStream<Tuple3<String, Long, Long>> source = environment
                .fromData(events, Types.TUPLE(Types.STRING, Types.LONG, Types.LONG))
                .name("events-" + index)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple3<String, Long, Long>>forGenerator(
                                        context -> new PunctuatedOutOfOrdernessWatermarks<>(delayMillis))
                                .withTimestampAssigner((event, previous) -> event.f1));
        WindowedStream<Tuple3<String, Long, Long>, String, TimeWindow> windowed = source
                .keyBy(event -> event.f0, Types.STRING)
                .window(assigner(query.path("window")))
                .allowedLateness(Duration.ofMillis(latenessMillis))
                .sideOutputLateData(lateTag);
        SingleOutputStreamOperator<String> rows = windowed.aggregate(
                new CountSumMinMax(), new WindowRowFunction(index),
                CountSumMinMax.ACCUMULATOR_TYPE, CountSumMinMax.ACCUMULATOR_TYPE, Types.STRING);
        DataStream<String> late = rows.getSideOutput(lateTag)
                .map(event -> index + "\t" + lateJson(event), Types.STRING);
        return rows.union(late);
    }

    static WindowAssigner<Object, TimeWindow> assigner(JsonNode window) {
        String type = window.path("type").asText();
        switch (type) {
            case "tumbling":
                return TumblingEventTimeWindows.of(Duration.ofMillis(window.path("size_ms").asLong()));
            case "sliding":
                return SlidingEventTimeWindows.of(
                        Duration.ofMillis(window.path("size_ms").asLong()),
                        Duration.ofMillis(window.path("slide_ms").asLong()));
            case "session":
                return EventTimeSessionWindows.withGap(Duration.ofMillis(window.path("gap_ms").asLong()));
            default:
                throw new IllegalArgumentException("query.json: window.type: unknown type " + type);
        }
    }

    static List<Tuple3<String, Long, Long>> readEvents(Path file) throws IOException {
        List<Tuple3<String, Long, Long>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode event = JSON.readTree(line);
            events.add(Tuple3.of(event.path("key").asText(), event.path("ts_ms").asLong(), event.path("value").asLong()));
        }
        return events;
    }

    static String lateJson(Tuple3<String, Long, Long> event) {
        return "{\"late\":true,\"key\":" + quote(event.f0) + ",\"ts_ms\":" + event.f1 + ",\"value\":" + event.f2 + "}";
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException error) {
            throw new IllegalStateException(error);
        }
    }

    static void writeAtomically(Path file, List<String> lines) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
