import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Pins everything every engine hands out for keyed windows over many keys:
/// each row with all its accumulator fields, its processing-time stamp and
/// batch id, in order, plus the late side output and counts. The digests were
/// taken before the keyed state was reorganised for 10^5–10^6 keys (issue 14),
/// so any change in what is emitted, in which order, or when, shows up here.
/// Tumbling, sliding and session windows; Flink's per-event and periodic
/// watermarks with allowed lateness; Spark's append, update and complete
/// modes and DStreams; the batch engine once and on a schedule.
@Suite struct KeyedStateOutputPinTests {
    static func events(keys: Int, count: Int) throws -> [Event] {
        let scenario = try ScenarioCatalog.load("reference", overrides: ["key_space.count": String(keys)])
        return Array(scenario.makeGenerator(seed: 3, maxEvents: count))
    }

    /// FNV-1a over every field of every output, in order, with its batch id.
    static func digest(_ run: EngineRun<WindowResult>) -> UInt64 {
        var hash = RecordEngineOutputPinTests.digest(run)
        for emitted in run.outputs { hash = (hash ^ UInt64(bitPattern: Int64(emitted.batch ?? -1))) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ UInt64(run.batchCount)) &* 0x0000_0100_0000_01b3
        return (hash ^ UInt64(run.noDataBatchCount)) &* 0x0000_0100_0000_01b3
    }

    static let windows: [(name: String, spec: WindowSpec)] = [
        ("tumbling", .tumbling(size: .millis(500))),
        ("sliding", .sliding(size: .millis(1_000), slide: .millis(300))),
        ("session", .session(gap: .millis(200))),
    ]

    /// Every engine configuration, by name, on `window`: each adds its run to the `EngineRun` it is given.
    static func configurations(window: WindowSpec, events: [Event]) -> [(name: String, run: (inout EngineRun<WindowResult>) -> Void)] {
        let flink = Query(watermark: WatermarkStrategy(delay: .millis(40), emission: .perEvent), keyBy: .key,
                          window: window, allowedLateness: .millis(30), lateData: .sideOutput)
        let periodic = Query(watermark: .flinkDefault(delay: .millis(60)), keyBy: .key,
                             window: window, aggregates: AggregateSpec([.count, .collect]), lateData: .drop)
        let spark = Query(watermark: WatermarkStrategy(delay: .millis(40)), keyBy: .key, window: window, lateData: .drop)
        let micro = { (mode: OutputMode) in
            MicroBatchEngine(trigger: .fixedInterval(.millis(250)), watermarkDelay: .millis(40), outputMode: mode)
        }
        return [
            ("record per-event", { RecordAtATimeEngine(watermark: flink.watermark, costs: EngineCosts(perRecord: Duration(micros: 20)))
                .run(query: flink, events: events, into: &$0) }),
            ("record periodic", { RecordAtATimeEngine(watermark: periodic.watermark).run(query: periodic, events: events, into: &$0) }),
            ("micro-batch append", { micro(.append).run(query: spark, events: events, into: &$0) }),
            ("micro-batch update", { micro(.update).run(query: spark, events: events, into: &$0) }),
            ("micro-batch complete", { micro(.complete).run(query: spark, events: events, into: &$0) }),
            ("dstream", { MicroBatchEngine(trigger: .fixedInterval(.millis(250)), watermarkDelay: .zero, timeDomain: .processingTime)
                .run(query: spark, events: events, into: &$0) }),
            ("batch single", { BatchEngine(schedule: .single).run(query: spark, events: events, into: &$0) }),
            ("batch every 1 s", { BatchEngine(schedule: .every(.seconds(1))).run(query: spark, events: events, into: &$0) }),
        ]
    }

    /// Every engine configuration's run, kept whole.
    static func runs(window: WindowSpec, events: [Event]) -> [(name: String, run: EngineRun<WindowResult>)] {
        configurations(window: window, events: events).map { configuration in
            var run = EngineRun<WindowResult>()
            configuration.run(&run)
            return (configuration.name, run)
        }
    }

    static let expected: [String: UInt64] = [
        "50 keys, session, batch every 1 s": 12669193454978072998,
        "50 keys, session, batch single": 7351289524239086601,
        "50 keys, session, dstream": 10961512201464677431,
        "50 keys, session, micro-batch append": 4828383780809751710,
        "50 keys, session, micro-batch complete": 5615116922550487150,
        "50 keys, session, micro-batch update": 12522987742965784130,
        "50 keys, session, record per-event": 3781557034889787514,
        "50 keys, session, record periodic": 5262202350125739722,
        "50 keys, sliding, batch every 1 s": 104355675304819421,
        "50 keys, sliding, batch single": 8963424063603534944,
        "50 keys, sliding, dstream": 15962959693531136043,
        "50 keys, sliding, micro-batch append": 17285854811296627632,
        "50 keys, sliding, micro-batch complete": 11219633835092656832,
        "50 keys, sliding, micro-batch update": 15585081007501012363,
        "50 keys, sliding, record per-event": 9970286470096559768,
        "50 keys, sliding, record periodic": 5911890008301307520,
        "50 keys, tumbling, batch every 1 s": 5417972539042039944,
        "50 keys, tumbling, batch single": 16373697921561609067,
        "50 keys, tumbling, dstream": 3674207299461326563,
        "50 keys, tumbling, micro-batch append": 8683130480410452373,
        "50 keys, tumbling, micro-batch complete": 4163503687965790530,
        "50 keys, tumbling, micro-batch update": 5119620845352915999,
        "50 keys, tumbling, record per-event": 18135362286764153504,
        "50 keys, tumbling, record periodic": 8762483480382639725,
        "5000 keys, session, batch every 1 s": 18231624283013138035,
        "5000 keys, session, batch single": 4464320150099298688,
        "5000 keys, session, dstream": 9347680937328362005,
        "5000 keys, session, micro-batch append": 35278280220473766,
        "5000 keys, session, micro-batch complete": 6034459023866077768,
        "5000 keys, session, micro-batch update": 2547516460403793042,
        "5000 keys, session, record per-event": 5471674424032575619,
        "5000 keys, session, record periodic": 16460404123852690648,
        "5000 keys, sliding, batch every 1 s": 1280785978849995688,
        "5000 keys, sliding, batch single": 17234721032852227835,
        "5000 keys, sliding, dstream": 5428271927559153717,
        "5000 keys, sliding, micro-batch append": 9186559803995314125,
        "5000 keys, sliding, micro-batch complete": 11184605818285196459,
        "5000 keys, sliding, micro-batch update": 13200800795574010687,
        "5000 keys, sliding, record per-event": 5461974493492248793,
        "5000 keys, sliding, record periodic": 2836743215991470420,
        "5000 keys, tumbling, batch every 1 s": 8768728974793617181,
        "5000 keys, tumbling, batch single": 11588398824062326305,
        "5000 keys, tumbling, dstream": 18041651727690603651,
        "5000 keys, tumbling, micro-batch append": 10749404507660641547,
        "5000 keys, tumbling, micro-batch complete": 16629635730365808971,
        "5000 keys, tumbling, micro-batch update": 6078066140259763496,
        "5000 keys, tumbling, record per-event": 16625346822280577074,
        "5000 keys, tumbling, record periodic": 9042470460783879306,
    ]

    @Test(arguments: [50, 5_000])
    func keyedWindowOutputsOfEveryEngineAreUnchanged(keys: Int) throws {
        let events = try Self.events(keys: keys, count: 30_000)
        for (windowName, window) in Self.windows {
            for (engineName, run) in Self.runs(window: window, events: events) {
                let name = "\(keys) keys, \(windowName), \(engineName)"
                let digest = Self.digest(run)
                if Self.expected[name] != digest { print("PIN \"\(name)\": \(digest),") }
                #expect(Self.expected[name] == digest, "\(name)")
            }
        }
    }
}
