// A pattern case of the conformance suite on real Flink CEP 2.3
// (flink-cep-2.3.0.jar from the apache-flink wheel): the same source and
// punctuated watermarks as a window case, then keyBy(key) → CEP.pattern in
// event time → late side output, writing one JSON line per match in the
// format of `streamlab replay` with a pattern query.
//
// The pattern is built from the query's "pattern" array with Flink's own
// API: begin / next / followedBy, where(SimpleCondition), times(N),
// consecutive(), within(Duration). The after-match skip strategy is
// Pattern.begin's default, noSkip.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.PatternStream;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

public final class CepCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event: key, ts_ms, value, id (position in events.jsonl among non-blank lines), kind ("" if absent). */
    static final TypeInformation<Tuple5<String, Long, Long, Long, String>> EVENT_TYPE =
            Types.TUPLE(Types.STRING, Types.LONG, Types.LONG, Types.LONG, Types.STRING);

    static boolean isPattern(JsonNode query) {
        return query.has("pattern");
    }

    static DataStream<String> build(StreamExecutionEnvironment environment, int index, Path directory, JsonNode query)
            throws IOException {
        long delayMillis = query.path("watermark_delay_ms").asLong(0);
        List<Tuple5<String, Long, Long, Long, String>> events = readEvents(directory.resolve("events.jsonl"));
        OutputTag<Tuple5<String, Long, Long, Long, String>> lateTag = new OutputTag<>("cep-late-" + index, EVENT_TYPE);
        DataStream<Tuple5<String, Long, Long, Long, String>> source = environment
                .fromData(events, EVENT_TYPE)
                .name("cep-events-" + index)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple5<String, Long, Long, Long, String>>forGenerator(
                                        context -> new PunctuatedOutOfOrdernessWatermarks<>(delayMillis))
                                .withTimestampAssigner((event, previous) -> event.f1));
        List<String> stageNames = new ArrayList<>();
        Pattern<Tuple5<String, Long, Long, Long, String>, ?> pattern = pattern(query, stageNames);
        PatternStream<Tuple5<String, Long, Long, Long, String>> matches = CEP
                .pattern(source.keyBy(event -> event.f0, Types.STRING), pattern)
                .inEventTime()
                .sideOutputLateData(lateTag);
        SingleOutputStreamOperator<String> rows = matches.process(new MatchRows(index, stageNames), Types.STRING);
        DataStream<String> late = rows.getSideOutput(lateTag)
                .map(event -> index + "\t{\"late\":true,\"key\":" + FlinkReplay.quote(event.f0)
                        + ",\"ts_ms\":" + event.f1 + ",\"value\":" + event.f2 + "}", Types.STRING);
        return rows.union(late);
    }

    static Pattern<Tuple5<String, Long, Long, Long, String>, ?> pattern(JsonNode query, List<String> stageNames) {
        Pattern<Tuple5<String, Long, Long, Long, String>, Tuple5<String, Long, Long, Long, String>> pattern = null;
        for (JsonNode stage : query.path("pattern")) {
            String name = stage.path("name").asText();
            stageNames.add(name);
            if (pattern == null) {
                pattern = Pattern.begin(name);
            } else if (stage.path("contiguity").asText().equals("next")) {
                pattern = pattern.next(name);
            } else {
                pattern = pattern.followedBy(name);
            }
            pattern = pattern.where(new StageCondition(stage.path("where")));
            int times = stage.path("times").asInt(1);
            if (times > 1) {
                pattern = pattern.times(times);
                if (stage.path("consecutive").asBoolean(false)) pattern = pattern.consecutive();
            }
        }
        if (query.has("within_ms")) pattern = pattern.within(Duration.ofMillis(query.path("within_ms").asLong()));
        return pattern;
    }

    /** A stage's "where" object: every field given must hold. */
    static final class StageCondition extends SimpleCondition<Tuple5<String, Long, Long, Long, String>> {
        private final String kind;
        private final String key;
        private final Double valueAbove, valueAtLeast, valueBelow, valueAtMost;

        StageCondition(JsonNode where) {
            kind = where.has("kind") ? where.path("kind").asText() : null;
            key = where.has("key") ? where.path("key").asText() : null;
            valueAbove = where.has("value_above") ? where.path("value_above").asDouble() : null;
            valueAtLeast = where.has("value_at_least") ? where.path("value_at_least").asDouble() : null;
            valueBelow = where.has("value_below") ? where.path("value_below").asDouble() : null;
            valueAtMost = where.has("value_at_most") ? where.path("value_at_most").asDouble() : null;
        }

        @Override
        public boolean filter(Tuple5<String, Long, Long, Long, String> event) {
            double value = event.f2;
            return (kind == null || kind.equals(event.f4))
                    && (key == null || key.equals(event.f0))
                    && (valueAbove == null || value > valueAbove)
                    && (valueAtLeast == null || value >= valueAtLeast)
                    && (valueBelow == null || value < valueBelow)
                    && (valueAtMost == null || value <= valueAtMost);
        }
    }

    /** One row per match, stages in pattern order, each stage's events in match order. */
    static final class MatchRows extends PatternProcessFunction<Tuple5<String, Long, Long, Long, String>, String> {
        private final int caseIndex;
        private final List<String> stageNames;

        MatchRows(int caseIndex, List<String> stageNames) {
            this.caseIndex = caseIndex;
            this.stageNames = new ArrayList<>(stageNames);
        }

        @Override
        public void processMatch(Map<String, List<Tuple5<String, Long, Long, Long, String>>> match, Context context,
                                 Collector<String> out) {
            StringBuilder row = new StringBuilder();
            String key = null;
            for (String stage : stageNames) {
                for (Tuple5<String, Long, Long, Long, String> event : match.getOrDefault(stage, List.of())) {
                    key = event.f0;
                    row.append(row.length() == 0 ? "" : ",")
                            .append("{\"stage\":").append(FlinkReplay.quote(stage))
                            .append(",\"id\":").append(event.f3)
                            .append(",\"ts_ms\":").append(event.f1)
                            .append(",\"value\":").append(event.f2).append("}");
                }
            }
            out.collect(caseIndex + "\t{\"key\":" + FlinkReplay.quote(key) + ",\"match\":[" + row + "]}");
        }
    }

    static List<Tuple5<String, Long, Long, Long, String>> readEvents(Path file) throws IOException {
        List<Tuple5<String, Long, Long, Long, String>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode event = JSON.readTree(line);
            events.add(Tuple5.of(event.path("key").asText(), event.path("ts_ms").asLong(), event.path("value").asLong(),
                    (long) events.size(), event.path("kind").asText("")));
        }
        return events;
    }
}
