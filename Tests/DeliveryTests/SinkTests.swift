import Delivery
import SimKernel
import Testing

@Suite struct SinkTests {
    func output(_ id: UInt64) -> PipelineOutput {
        PipelineOutput(identity: .event(id, key: 0), key: 0, value: Double(id), sum: 1,
                       latestEventTime: .zero, latestArrivalTime: .zero)
    }

    @Test func twoPhaseCommitShowsOutputsOnlyWhenTheirCheckpointCompletes() {
        var sink = DeliverySink(kind: .transactional)
        sink.write([output(1)], at: .seconds(1), attempt: 0)
        sink.preCommit(checkpointID: 1)
        sink.write([output(2)], at: .seconds(2), attempt: 0)
        sink.preCommit(checkpointID: 2)
        sink.write([output(3)], at: .seconds(3), attempt: 0)
        #expect(sink.visible.isEmpty)
        sink.commit(upTo: 1, at: .seconds(4), attempt: 0)
        #expect(sink.visible.map(\.output.identity.eventID) == [1])
        #expect(sink.visible.map(\.visibleAt) == [.seconds(4)])
        #expect(sink.pendingTransactionIDs == [2])
    }

    @Test func restoreCommitsWhatTheCheckpointHadPendingAndAbortsTheRest() {
        var sink = DeliverySink(kind: .transactional)
        sink.write([output(1)], at: .seconds(1), attempt: 0)
        sink.preCommit(checkpointID: 1)
        sink.write([output(2)], at: .seconds(2), attempt: 0)
        sink.preCommit(checkpointID: 2)
        sink.write([output(3)], at: .seconds(3), attempt: 0)
        sink.restore(checkpointID: 1, at: .seconds(9), attempt: 1)
        #expect(sink.visible.map(\.output.identity.eventID) == [1])
        #expect(sink.abortedOutputCount == 2)
        #expect(sink.pendingTransactionIDs.isEmpty && sink.openTransactionCount == 0)
    }

    /// A reader that gives committed arrays back: each new transaction opens
    /// in one of them, and what becomes visible is unchanged, in order.
    @Test func aTransactionOpensInTheArrayTheReaderGaveBack() {
        var given: [[PipelineOutput]] = [], taken = 0
        var seen: [UInt64] = []
        var sink = DeliverySink(
            kind: .transactional, onPublish: { output, _, _ in seen.append(output.identity.eventID) },
            onPublishAll: { outputs, _, _ in
                seen += outputs.map(\.identity.eventID)
                var emptied = outputs
                emptied.removeAll(keepingCapacity: true)
                given.append(emptied)
            },
            takeSpare: {
                guard !given.isEmpty else { return nil }
                taken += 1
                return given.removeLast()
            })
        for checkpoint in 1...4 {
            for id in 0..<3 { sink.write(output(UInt64(10 * checkpoint + id)), at: .seconds(Int64(checkpoint)), attempt: 0) }
            sink.preCommit(checkpointID: checkpoint)
            sink.commit(upTo: checkpoint, at: .seconds(Int64(checkpoint)), attempt: 0)
        }
        #expect(taken == 3, "every transaction after the first opens in a given-back array")
        #expect(seen == (1...4).flatMap { checkpoint in (0..<3).map { UInt64(10 * checkpoint + $0) } })
        #expect(sink.openTransactionCount == 0 && sink.pendingTransactionIDs.isEmpty)
    }

    @Test func appendSinkShowsAReplayedWriteTwiceAndUpsertOnce() {
        var append = DeliverySink(kind: .append)
        var upsert = DeliverySink(kind: .upsert)
        for attempt in 0..<2 {
            append.write([output(7)], at: .seconds(Int64(attempt)), attempt: attempt)
            upsert.write([output(7)], at: .seconds(Int64(attempt)), attempt: attempt)
        }
        #expect(append.visible.count == 2)
        #expect(upsert.upsertTable.count == 1)
    }

    @Test func transactionalMicroBatchSkipsABatchIdItAlreadyCommitted() {
        var sink = DeliverySink(kind: .transactional)
        sink.writeBatch([output(1), output(2)], batchID: 4, at: .seconds(1), attempt: 0)
        sink.writeBatch([output(1), output(2)], batchID: 4, at: .seconds(5), attempt: 1)
        #expect(sink.visible.count == 2)
        #expect(sink.skippedBatchCount == 1)
    }

    /// A batch handed one output at a time is the same write as `writeBatch`:
    /// one write counted, the same outputs visible at the same instant, and a
    /// committed batch id skipped by a transactional sink.
    @Test(arguments: SinkKind.allCases)
    func aBatchWrittenOneOutputAtATimeIsTheSameWrite(kind: SinkKind) {
        var whole = DeliverySink(kind: kind), streamed = DeliverySink(kind: kind)
        for (batchID, time) in [(4, Instant.seconds(1)), (4, .seconds(5)), (5, .seconds(6))] {
            whole.writeBatch([output(1), output(2)], batchID: batchID, at: time, attempt: 0)
            if streamed.beginBatch(batchID: batchID) {
                for output in [output(1), output(2)] { streamed.writeInBatch(output, at: time, attempt: 0) }
            }
        }
        #expect(streamed.writeCount == 3 && streamed.writeCount == whole.writeCount)
        #expect(streamed.skippedBatchCount == whole.skippedBatchCount)
        #expect(streamed.visible.map(\.visibleAt) == whole.visible.map(\.visibleAt))
        #expect(streamed.visible.map(\.output) == whole.visible.map(\.output))
        #expect(whole.visible.count == (kind == .transactional ? 4 : 6))
    }

    /// A streaming sink that takes arrays whole (`onPublishAll`) shows a
    /// reader the same outputs, at the same instants and attempts, in the
    /// same order, as one handed each output: per-record writes, committed
    /// transactions (two at once), a restore, and micro-batches.
    @Test(arguments: SinkKind.allCases)
    func aSinkThatTakesArraysWholeShowsTheSameSequence(kind: SinkKind) {
        final class Seen { var rows: [String] = [], arrays = 0 }
        let one = Seen(), whole = Seen()
        func row(_ output: PipelineOutput, _ time: Instant, _ attempt: Int) -> String {
            "\(output.identity.eventID)@\(time.micros)#\(attempt)"
        }
        var single = DeliverySink(kind: kind) { one.rows.append(row($0, $1, $2)) }
        var arrays = DeliverySink(kind: kind, onPublish: { whole.rows.append(row($0, $1, $2)) },
                                  onPublishAll: { outputs, time, attempt in
                                      whole.arrays += 1
                                      for output in outputs { whole.rows.append(row(output, time, attempt)) }
                                  })
        for sink in [{ (s: inout DeliverySink) in s.write(output(1), at: .seconds(1), attempt: 0) },
                     { $0.write([output(2), output(3)], at: .seconds(2), attempt: 0) },
                     { $0.preCommit(checkpointID: 1) },
                     { $0.write(output(4), at: .seconds(3), attempt: 0) },
                     { $0.preCommit(checkpointID: 2) },
                     { $0.write(output(5), at: .seconds(4), attempt: 0) },
                     { $0.commit(upTo: 2, at: .seconds(5), attempt: 0) },
                     { $0.write(output(6), at: .seconds(6), attempt: 0) },
                     { $0.preCommit(checkpointID: 3) },
                     { $0.restore(checkpointID: 3, at: .seconds(7), attempt: 1) },
                     { $0.writeBatch([output(7), output(8)], batchID: 9, at: .seconds(8), attempt: 1) },
                     { $0.writeBatch([], batchID: 10, at: .seconds(9), attempt: 1) }] {
            sink(&single)
            sink(&arrays)
        }
        #expect(whole.rows == one.rows)
        #expect(single.visible.isEmpty && arrays.visible.isEmpty)
        if kind == .transactional {
            // Two transactions at the commit, the one pending in checkpoint 3
            // at the restore, and a batch went whole; the empty batch not at all.
            #expect(one.rows == ["1@5000000#0", "2@5000000#0", "3@5000000#0", "4@5000000#0", "5@7000000#1",
                                 "6@7000000#1", "7@8000000#1", "8@8000000#1"])
            #expect(whole.arrays == 4)
        } else {
            #expect(one.rows.count == 8 && whole.arrays == 1)
        }
    }
}
