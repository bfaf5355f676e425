import Delivery
import Engines
import Foundation
import SimKernel
import Testing
import Workloads
@testable import Harness

/// Issue 14, "a fast crash pipeline": `crash` runs the checker and the
/// generator on threads of their own. The checker sees the same sequence of
/// records, outputs and final spans, in the same order, so every figure is
/// the one measured on one thread.
@Suite struct ConcurrentCheckTests {
    @Test(arguments: [("flink", Guarantee.exactlyOnce), ("kafka-streams", .atLeastOnce), ("hive", .exactlyOnce),
                      ("spark-structured-streaming", .atLeastOnce), ("spark-dstream", .atMostOnce)])
    func theCheckerBesideTheRunMeasuresTheSame(preset: String, guarantee: Guarantee) throws {
        let (workload, engine, plan) = try MeasurementFixtures.referenceRun(preset: preset, guarantee: guarantee, seed: 11)
        // A small hold limit, so the beside-run checker also re-reads from reopened sources.
        func run(beside: Bool) -> Harness.Measurement {
            measure(workload, engine: engine, crashPlan: plan, recoveryDelay: .constant(1), seed: 11, collectsMarks: true,
                    maxHeldRecords: 3_000, checkBeside: beside)
        }
        let inline = run(beside: false), beside = run(beside: true)
        #expect(beside.row == inline.row)
        #expect(beside.result.crashes == inline.result.crashes && !inline.result.crashes.isEmpty)
        #expect(beside.result.inputCount == inline.result.inputCount && inline.result.inputCount > 150_000)
        #expect(beside.check.truthCount == inline.check.truthCount && beside.check.compactedCount == inline.check.compactedCount)
        #expect(MeasurementFixtures.latencyPoints(beside) == MeasurementFixtures.latencyPoints(inline))
        #expect(beside.check.lostArrivals == inline.check.lostArrivals && beside.check.duplicateTimes == inline.check.duplicateTimes)
    }

    func events(_ count: Int) -> [Event] {
        (0..<count).map { index -> Event in
            let time = Instant(micros: Int64(index))
            return Event(id: UInt64(index), key: Int32(index % 7), value: Double(index), eventTime: time, arrivalTime: time)
        }
    }

    /// Every record once, in order, across batch edges (none, one short
    /// batch, exactly one batch, one more), then nil for good.
    @Test(arguments: [0, 1, PrefetchedSource.batchCapacity, PrefetchedSource.batchCapacity + 1, 3 * PrefetchedSource.batchCapacity + 17])
    func aPrefetchedSourceDeliversTheSourcesRecords(count: Int) {
        let expected = events(count)
        let source = PrefetchedSource(ArrayArrivalSource(expected))
        var read: [UInt64] = []
        // Bounded: one more read than there are records.
        for _ in 0...count { if let event = source.nextArrival() { read.append(event.id) } }
        #expect(read == expected.map(\.id))
        #expect(source.nextArrival() == nil)
        #expect(source.isReopenable)
        #expect(source.reopened()?.nextArrival()?.id == expected.first?.id)
    }

    /// The checker hears the records through the source's batches: each
    /// batch is told before any of its records is delivered, and the
    /// delivered count is exact at every step (the checker logs up to it).
    @Test func aPrefetchedSourceTellsEachBatchBeforeItsRecords() {
        let count = 2 * PrefetchedSource.batchCapacity + 5
        let source = PrefetchedSource(ArrayArrivalSource(events(count)))
        var told: [UInt64] = []
        source.onBatch = { batch in told += batch.map(\.id) }
        #expect(source.deliveredCount == 0)
        // Bounded: one more read than there are records.
        for index in 0...count {
            guard let event = source.nextArrival() else { break }
            #expect(told.count > index && told[index] == event.id)
            #expect(source.deliveredCount == index + 1)
        }
        #expect(source.nextArrival() == nil && source.deliveredCount == count)
        #expect(told == events(count).map(\.id))
    }

    /// The reader fills its batches through `nextArrivals`: the generated
    /// log gives the same records, in the same order, as one at a time,
    /// across batch edges and the end of the input (a plain producer, so
    /// retried copies are in it too).
    @Test(arguments: [1, 999, 4_096])
    func theGeneratedLogFillsBatchesWithTheSameRecords(capacity: Int) throws {
        let scenario = try ScenarioCatalog.load("theworldshop-viral-night")
        let workload = CompareWorkload(scenario: scenario, seed: 5, duration: .seconds(1_800), windowSizeMicros: 1_000_000,
                                       watermarkDelayMicros: 200_000, clearingMicros: 2_000_000, idempotentProducer: false)
        let single = workload.makeSource(), batched = workload.makeSource()
        var one: [Event] = []
        // Bounded by the generator's duration.
        while let event = single.nextArrival() { one.append(event) }
        var all: [Event] = [], batch: [Event] = []
        // Bounded by the generator's duration: each pass fills a batch or ends.
        while true {
            let more = batched.nextArrivals(into: &batch, capacity: capacity)
            #expect(batch.count == capacity || !more)
            all += batch
            batch.removeAll()
            if !more { break }
        }
        #expect(one.count > 1_000)
        #expect(all == one)
        #expect(!batched.nextArrivals(into: &batch, capacity: capacity) && batch.isEmpty)
    }

    /// A run that stops reading early does not leave the reading thread
    /// waiting: dropping the source stops it (this test would hang otherwise).
    @Test func aSourceDroppedEarlyStopsItsReader() {
        for read in [0, 1, 5_000] {
            let source = PrefetchedSource(ArrayArrivalSource(events(10 * PrefetchedSource.batchCapacity)))
            for _ in 0..<read { _ = source.nextArrival() }
        }
    }

    /// The channel keeps order and bounds what waits.
    @Test func aBatchChannelKeepsOrder() {
        let channel = BatchChannel<Int>(capacity: 4)
        let consumer = Thread { [channel] in
            var seen: [Int] = []
            while let batch = channel.take() {
                seen += batch
                channel.recycle(batch)
            }
            precondition(seen == Array(0..<1_000), "batches out of order")
            channel.workerExited()
        }
        consumer.start()
        var batch: [Int] = []
        for value in 0..<1_000 {
            batch.append(value)
            if batch.count == 4 { batch = channel.handOver(batch)! }
            #expect(batch.count < 4)
        }
        if !batch.isEmpty { _ = channel.handOver(batch) }
        channel.close()
        channel.waitForWorker()
    }
}
