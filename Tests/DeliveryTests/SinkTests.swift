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
}
