import Delivery
import Foundation
import SimKernel
import Testing
import Workloads

/// One read of a log shared by readers that go through it at once: each
/// gets every record, in order, as a read of its own would; the pass holds
/// a bounded number of chunks; a reader that leaves early holds no one back.
@Suite struct SharedLogPassTests {
    let events = TinyWorkload.events(seed: 9, count: 1_003)

    /// Records the chunks the pass reads, in order, and the end.
    final class Recorder: SharedLogPass.Observer, @unchecked Sendable {
        var ids: [UInt64] = []
        var endings = 0
        func read(_ events: UnsafeBufferPointer<Event>) {
            precondition(endings == 0, "a chunk after the end")
            ids += events.map(\.id)
        }
        func ended() { endings += 1 }
    }

    /// `readers` readers on threads of their own (a cohort), at most `jobs`
    /// computing at once; reader `index` reads `read(index, reader)`.
    func readAll(readers: Int, jobs: Int, chunkSize: Int, chunksAhead: Int, observer: SharedLogPass.Observer? = nil,
                 _ read: @escaping @Sendable (Int, SharedLogPass.Reader) -> [Event]) -> (reads: [[Event]], pass: SharedLogPass) {
        let events = events
        var made: SharedLogPass?
        let reads = CohortRun.run(count: readers, cohorts: [Array(0..<readers)], jobs: jobs, prepare: { _, permits in
            let pass = SharedLogPass(source: ArrayArrivalSource(events), readers: readers, reopen: { ArrayArrivalSource(events) },
                                     permits: permits, observer: observer, chunkSize: chunkSize, chunksAhead: chunksAhead)
            made = pass
            return pass
        }, awaitShared: { $0.awaitReadThrough() }) { index, pass, _ in
            let reader = pass.reader()
            defer { reader.close() }
            return read(index, reader)
        }
        return (reads, made!)
    }

    /// One record at a time, or in batches of `size` (`nextArrivals`).
    static func drain(_ reader: SharedLogPass.Reader, runsOf size: Int?) -> [Event] {
        var out: [Event] = []
        if let size {
            var batch: [Event] = []
            // Bounded by the log's length.
            while true {
                let more = reader.nextArrivals(into: &batch, capacity: batch.count + size)
                if !more { break }
            }
            out = batch
        } else {
            while let event = reader.nextArrival() { out.append(event) }
        }
        #expect(reader.nextArrival() == nil, "the end stays the end")
        return out
    }

    /// In runs handed out by reference (`nextRun`), at most `size` each.
    static func drainRuns(_ reader: SharedLogPass.Reader, maxCount size: Int) -> [Event] {
        var out: [Event] = []
        // Bounded by the log's length.
        while let run = reader.nextRun(maxCount: size) {
            #expect(run.events.count >= 1 && run.events.count <= size)
            out += run.events
        }
        #expect(reader.nextRun(maxCount: size) == nil, "the end stays the end")
        return out
    }

    @Test(arguments: [(jobs: 1, chunkSize: 7, chunksAhead: 2), (jobs: 2, chunkSize: 64, chunksAhead: 3), (jobs: 4, chunkSize: 1_000, chunksAhead: 1)])
    func everyReaderReadsTheWholeLogInOrder(jobs: Int, chunkSize: Int, chunksAhead: Int) {
        let recorder = Recorder()
        let (reads, pass) = readAll(readers: 5, jobs: jobs, chunkSize: chunkSize, chunksAhead: chunksAhead, observer: recorder) { index, reader in
            // One at a time, in batches, or in runs by reference.
            switch index % 3 {
            case 0: Self.drain(reader, runsOf: nil)
            case 1: Self.drain(reader, runsOf: 5 + index)
            default: Self.drainRuns(reader, maxCount: 3 + index)
            }
        }
        for (index, read) in reads.enumerated() { #expect(read == events, "reader \(index)") }
        #expect(pass.peakHeldChunks >= 1 && pass.peakHeldChunks <= chunksAhead, "peak \(pass.peakHeldChunks) of \(chunksAhead)")
        #expect(recorder.ids == events.map(\.id), "the observer sees each record once, in order")
        #expect(recorder.endings == 1)
    }

    @Test func aReaderThatLeavesEarlyHoldsNoOneBack() {
        let (reads, _) = readAll(readers: 4, jobs: 1, chunkSize: 10, chunksAhead: 2) { index, reader in
            guard index == 0 else { return Self.drain(reader, runsOf: nil) }
            // Three records, then gone (the cohort closes the reader).
            return (0..<3).compactMap { _ in reader.nextArrival() }
        }
        #expect(reads[0] == Array(events.prefix(3)))
        for read in reads.dropFirst() { #expect(read == events) }
    }

    @Test func aReaderThatNeverReadsHoldsNoOneBack() {
        let (reads, _) = readAll(readers: 3, jobs: 2, chunkSize: 16, chunksAhead: 1) { index, reader in
            index == 1 ? [] : Self.drain(reader, runsOf: 100)
        }
        #expect(reads[0] == events && reads[2] == events && reads[1].isEmpty)
    }

    @Test func aReopenedReaderReadsItsOwnCopyFromTheStart() {
        let (reads, _) = readAll(readers: 2, jobs: 2, chunkSize: 50, chunksAhead: 2) { _, reader in
            let head = (0..<120).compactMap { _ in reader.nextArrival() }
            let copy = reader.reopened()!
            var again: [Event] = []
            while let event = copy.nextArrival() { again.append(event) }
            #expect(reader.isReopenable)
            return head + again
        }
        for read in reads { #expect(read == Array(events.prefix(120)) + events) }
    }

    /// Read through once the source is read to its end, though a reader
    /// has not read a record yet (it takes the held chunks later).
    @Test func aPassIsReadThroughAtTheEndOfItsSourceNotOfItsLastReader() {
        let pass = SharedLogPass(source: ArrayArrivalSource(events), readers: 2, reopen: { ArrayArrivalSource(events) },
                                 chunkSize: 100, chunksAhead: 11)
        let first = pass.reader(), second = pass.reader()
        #expect(Self.drain(first, runsOf: nil) == events)
        pass.awaitReadThrough()
        #expect(Self.drain(second, runsOf: 7) == events, "the late reader still reads every record")
        second.close()
    }

    @Test func aPassWithNoReadersIsDoneAtOnce() {
        let pass = SharedLogPass(source: ArrayArrivalSource(events), readers: 0, reopen: { ArrayArrivalSource([]) })
        pass.awaitReadThrough()
        #expect(pass.peakHeldChunks == 0)
    }
}
