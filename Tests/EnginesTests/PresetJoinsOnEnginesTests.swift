import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// The three joins run unchanged on the record, micro-batch and batch
/// engines; with no late data they agree with a brute-force answer computed
/// from the complete NEXMark-like stream.
@Suite struct PresetJoinsOnEnginesTests {
    static let presets = ["flink", "spark-structured-streaming", "spark-batch"]

    static func nexmark(_ count: Int) throws -> (scenario: Scenario, events: [Event]) {
        let scenario = try ScenarioCatalog.load("nexmark")
        return (scenario, Array(scenario.makeGenerator(seed: 21, maxEvents: count)))
    }

    /// A watermark delay far above the stream's disorder, so nothing is late.
    static func engine(_ name: String) throws -> any StreamEngine {
        try PresetRegistry.preset(named: name).makeEngine(watermarkDelay: .seconds(60), stateAccessesPerRecord: 1)
    }

    @Test func intervalJoinOfAuctionsAndBidsMatchesBruteForceOnEveryEngine() throws {
        let (scenario, events) = try Self.nexmark(6_000)
        let auction = try #require(scenario.kindIndex("auction"))
        let bid = try #require(scenario.kindIndex("bid"))
        let lower = Duration.zero
        let upper = Duration.seconds(10)
        var expected: [[UInt64]] = []
        for left in events where left.kind == auction {
            for right in events where right.kind == bid && right.key == left.key
                && right.eventTime >= left.eventTime + lower && right.eventTime <= left.eventTime + upper {
                expected.append([left.id, UInt64(left.attempt), right.id, UInt64(right.attempt)])
            }
        }
        expected.sort { $0.lexicographicallyPrecedes($1) }
        #expect(expected.count > 100)
        for name in Self.presets {
            var join = IntervalJoinOperator(lower: lower, upper: upper) { event in
                event.kind == auction ? .left : (event.kind == bid ? .right : nil)
            }
            let run = try Self.engine(name).run(&join, events: events)
            let pairs = run.outputs.map { [$0.output.left.id, UInt64($0.output.left.attempt), $0.output.right.id, UInt64($0.output.right.attempt)] }
                .sorted { $0.lexicographicallyPrecedes($1) }
            #expect(pairs == expected, "\(name): \(pairs.count) pairs, expected \(expected.count)")
            #expect(join.droppedLateCount == 0, "\(name)")
        }
    }

    @Test func eventTimeEnrichmentSeesTheSameVersionOnEveryEngine() throws {
        var (scenario, events) = try Self.nexmark(6_000)
        let person = try #require(scenario.kindIndex("person"))
        let auction = try #require(scenario.kindIndex("auction"))
        let bid = try #require(scenario.kindIndex("bid"))
        // Probes wait for the watermark to reach them; a Spark stream only gets
        // there with more data, so a later event (ignored by the join) follows.
        var flush = events.last!
        flush.kind = person
        flush.eventTime = flush.eventTime + .minutes(60)
        flush.arrivalTime = flush.arrivalTime + .minutes(60)
        events.append(flush)
        // Each auction event upserts the auction's row (value: its reserve); bids probe it.
        var versionsByKey: [Int32: [(time: Instant, arrival: Int, value: Double)]] = [:]
        for (index, event) in events.enumerated() where event.kind == auction {
            versionsByKey[event.key, default: []].append((event.eventTime, index, event.value))
        }
        // Per bid id and attempt: the latest version at or before its time (ties: the last to arrive).
        var expected: [[UInt64]: Double] = [:]
        var expectedCount = 0
        for probe in events where probe.kind == bid {
            expectedCount += 1
            let chosen = (versionsByKey[probe.key] ?? []).filter { $0.time <= probe.eventTime }
                .max { ($0.time, $0.arrival) < ($1.time, $1.arrival) }
            if let chosen { expected[[probe.id, UInt64(probe.attempt)]] = chosen.value }
        }
        #expect(expected.count > 100)
        for name in Self.presets {
            var join = TemporalTableJoinOperator(lookupTime: .eventTime) { event in
                event.kind == auction ? .change(.update) : (event.kind == bid ? .probe : nil)
            }
            let run = try Self.engine(name).run(&join, events: events)
            #expect(run.outputs.count == expectedCount, "\(name)")
            let mismatches = run.outputs.filter { expected[[$0.output.probe.id, UInt64($0.output.probe.attempt)]] != $0.output.row?.value }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.count) probes saw another version")
        }
    }

    @Test func tableTableJoinMaterializesTheSameTableOnEveryEngine() throws {
        let (scenario, events) = try Self.nexmark(3_000)
        let person = try #require(scenario.kindIndex("person"))
        let auction = try #require(scenario.kindIndex("auction"))
        // Persons and auctions as two upsert tables on the same key space.
        let classify: @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)? = { event in
            event.kind == person ? (.left, .update) : (event.kind == auction ? (.right, .update) : nil)
        }
        var lastLeft: [Int32: Double] = [:]
        var lastRight: [Int32: Double] = [:]
        for event in events {
            if event.kind == person { lastLeft[event.key] = event.value }
            if event.kind == auction { lastRight[event.key] = event.value }
        }
        let expected = lastLeft.keys.filter { lastRight[$0] != nil }.sorted().map { [Double($0), lastLeft[$0]!, lastRight[$0]!] }
        #expect(!expected.isEmpty)
        for name in Self.presets {
            var join = TableTableJoinOperator(classify: classify)
            let run = try Self.engine(name).run(&join, events: events)
            let table = TableTableJoinOperator.materialize(run.outputs.map(\.output)).map { [Double($0.key), $0.left.value, $0.right.value] }
            #expect(table == expected, "\(name)")
        }
    }
}
