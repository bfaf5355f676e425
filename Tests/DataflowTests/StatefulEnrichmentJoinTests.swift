import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulEnrichmentJoinTests {
    /// kind 0 probes (clicks); kinds 1/2/3 are the CDC insert/update/delete of the users table.
    static let classify: @Sendable (Event) -> EnrichmentInput? = { event in
        switch event.kind {
        case 0: return .probe
        case 1: return .change(.insert)
        case 2: return .change(.update)
        case 3: return .change(.delete)
        default: return nil
        }
    }

    @Test func eventTimeLookupSeesTheVersionValidAtTheProbesEventTime() {
        var driver = StatefulDriver(TemporalTableJoinOperator(lookupTime: .eventTime, classify: Self.classify))
        _ = driver.send(key: 1, atMillis: 1_000, value: 10, kind: 1)
        _ = driver.send(key: 1, atMillis: 5_000, value: 20, kind: 2)
        #expect(driver.send(key: 1, atMillis: 4_999, kind: 0).isEmpty)
        #expect(driver.send(key: 1, atMillis: 5_000, kind: 0).isEmpty)
        let enriched = driver.watermark(millis: 5_000)
        #expect(enriched.map(\.row?.value) == [10, 20])
    }

    @Test func probeWaitsForWatermarkSoALateArrivingUpdateIsStillSeen() {
        var driver = StatefulDriver(TemporalTableJoinOperator(lookupTime: .eventTime, classify: Self.classify))
        _ = driver.send(key: 1, atMillis: 1_000, value: 10, kind: 1)
        _ = driver.send(key: 1, atMillis: 8_000, kind: 0)
        _ = driver.send(key: 1, atMillis: 7_000, value: 70, kind: 2)
        #expect(driver.watermark(Instant.millis(8_000) - Duration(micros: 1)).isEmpty)
        #expect(driver.watermark(millis: 8_000).map(\.row?.value) == [70])
    }

    @Test func deleteMakesTheKeyAbsentFromItsTimeOn() {
        var driver = StatefulDriver(TemporalTableJoinOperator(lookupTime: .eventTime, classify: Self.classify))
        _ = driver.send(key: 1, atMillis: 1_000, value: 10, kind: 1)
        _ = driver.send(key: 1, atMillis: 3_000, kind: 3)
        _ = driver.send(key: 1, atMillis: 2_000, kind: 0)
        _ = driver.send(key: 1, atMillis: 3_000, kind: 0)
        _ = driver.send(key: 2, atMillis: 3_000, kind: 0)
        let enriched = driver.watermark(millis: 10_000)
        #expect(enriched.map(\.key) == [1, 1, 2])
        #expect(enriched.map(\.row?.value) == [10, nil, nil])
    }

    @Test func versionsOlderThanTheNewestAtTheWatermarkAreCleanedUp() {
        var driver = StatefulDriver(TemporalTableJoinOperator(lookupTime: .eventTime, classify: Self.classify))
        for (time, value) in [(1_000, 1.0), (2_000, 2.0), (3_000, 3.0), (9_000, 9.0)] as [(Int64, Double)] {
            _ = driver.send(key: 1, atMillis: time, value: value, kind: 2)
        }
        _ = driver.watermark(millis: 3_000)
        #expect(driver.subject.versionCount == 2)
        _ = driver.send(key: 1, atMillis: 3_500, kind: 0)
        #expect(driver.watermark(millis: 4_000).map(\.row?.value) == [3])
    }

    @Test func processingTimeLookupSeesTheTableAsItIsWhenTheProbeArrives() {
        var driver = StatefulDriver(TemporalTableJoinOperator(lookupTime: .processingTime, classify: Self.classify))
        _ = driver.send(key: 1, atMillis: 1_000, value: 10, kind: 1)
        _ = driver.send(key: 1, atMillis: 9_000, value: 90, kind: 2)
        // By event time the probe at 2 s would see 10; by processing time it sees the latest change.
        #expect(driver.send(key: 1, atMillis: 2_000, kind: 0).map(\.row?.value) == [90])
        _ = driver.send(key: 1, atMillis: 9_500, kind: 3)
        #expect(driver.send(key: 1, atMillis: 9_600, kind: 0).map(\.row) == [nil])
    }
}
