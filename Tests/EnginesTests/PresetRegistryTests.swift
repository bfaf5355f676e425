import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

@Suite struct PresetRegistryTests {
    @Test func registryListsTheNineSystemsTheLessonsName() {
        #expect(PresetRegistry.names == [
            "flink", "kafka-streams", "storm", "samza", "spark-structured-streaming", "spark-dstream",
            "spark-batch", "hive", "mapreduce",
        ])
        for preset in PresetRegistry.all { #expect(!preset.summary.isEmpty && !preset.summary.contains("\n")) }
    }

    @Test func eachPresetRunsOnTheEngineItModels() {
        let kinds = PresetRegistry.all.map { "\($0.name)=\($0.engineKind.rawValue)" }
        #expect(kinds == [
            "flink=record", "kafka-streams=record", "storm=record", "samza=record",
            "spark-structured-streaming=microbatch", "spark-dstream=microbatch",
            "spark-batch=batch", "hive=batch", "mapreduce=batch",
        ])
    }

    @Test func unknownPresetIsAnInputErrorThatSuggestsTheClosestName() {
        #expect(throws: InputError(
            file: "<command line>", field: "--preset",
            reason: "unknown preset 'flnk' (did you mean 'flink'?); known: flink, kafka-streams, storm, samza, "
                + "spark-structured-streaming, spark-dstream, spark-batch, hive, mapreduce")) {
            try PresetRegistry.preset(named: "flnk")
        }
    }

    @Test func farFetchedNameGetsNoSuggestion() {
        #expect(PresetRegistry.closestName(to: "postgres", among: PresetRegistry.names) == nil)
        #expect(PresetRegistry.closestName(to: "spark-dstreams", among: PresetRegistry.names) == "spark-dstream")
    }

    @Test func processingTimePresetsRestampEventsWithArrivalTime() throws {
        let event = Event(id: 1, key: 1, value: 1, eventTime: .seconds(3), arrivalTime: .seconds(5))
        #expect(try PresetRegistry.preset(named: "storm").prepare(event).eventTime == .seconds(5))
        #expect(try PresetRegistry.preset(named: "flink").prepare(event).eventTime == .seconds(3))
    }

    @Test func kafkaStreamsClosesAWindowWhenStreamTimeReachesEndPlusGrace() throws {
        // Stream time = the largest timestamp seen; grace = the query's delay (2 s).
        let engine = try PresetRegistry.preset(named: "kafka-streams")
            .makeEngine(watermarkDelay: .seconds(2), stateAccessesPerRecord: 1)
        let query = Query(watermark: WatermarkStrategy(delay: .seconds(2)), window: .tumbling(size: .seconds(10)))
        func event(_ id: UInt64, _ seconds: Int64) -> Event {
            Event(id: id, key: 1, value: 1, eventTime: .seconds(seconds), arrivalTime: .seconds(seconds))
        }
        var op = WindowAggregateOperator(query: query, rules: engine.windowRules(for: query), mutation: nil)
        let run = engine.run(&op, events: [event(0, 1), event(1, 11), event(2, 12), event(3, 13)])
        let first = try #require(run.outputs.first)
        #expect(first.output.window == TimeWindow(start: .zero, end: .seconds(10)))
        // Emitted while handling the record at 12 s (= end + grace), not the one at 11 s.
        #expect(first.processingTime >= .seconds(12) && first.processingTime < .seconds(13))
    }
}
