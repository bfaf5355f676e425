@testable import Delivery
import Testing
import Workloads

/// The log keeps its records in the runs its source hands out
/// (`ArrivalSource.nextRun`), by reference: whatever the runs' sizes, it
/// gives every offset it still holds or can re-read, drops what a restore
/// can no longer read, and holds no more than its bound.
@Suite struct ArrivalLogRunsTests {
    let events = TinyWorkload.events(seed: 4, count: 500)

    /// An array handed out in runs of cycling sizes (1, 3, 7, 2, 16), each
    /// in a chunk of its own; reopenable or not.
    final class RunSource: ArrivalSource {
        let events: [Event]
        let reopenable: Bool
        var index = 0
        var sizes = [1, 3, 7, 2, 16].makeIterator()
        private(set) var runsHandedOut = 0

        init(_ events: [Event], reopenable: Bool) {
            self.events = events
            self.reopenable = reopenable
        }

        func nextArrival() -> Event? {
            guard index < events.count else { return nil }
            defer { index += 1 }
            return events[index]
        }

        func nextRun(maxCount: Int) -> EventRun? {
            guard index < events.count else { return nil }
            var size = sizes.next()
            if size == nil {
                sizes = [1, 3, 7, 2, 16].makeIterator()
                size = sizes.next()
            }
            let take = min(size!, maxCount, events.count - index)
            defer { index += take }
            runsHandedOut += 1
            return EventRun(EventChunk(Array(events[index..<index + take])), 0..<take)
        }

        func reopened() -> ArrivalSource? { reopenable ? RunSource(events, reopenable: true) : nil }
        var isReopenable: Bool { reopenable }
    }

    final class Seen: ArrivalObserver {
        var offsets: [Int] = []
        func logged(_ event: Event, at position: Int) { offsets.append(position) }
    }

    /// A restore point that trails the read position by up to 40 records;
    /// each step reads every offset from it to the front, as a replay would.
    @Test(arguments: [true, false])
    func everyOffsetAReplayMayReadIsThere(reopenable: Bool) {
        let source = RunSource(events, reopenable: reopenable)
        let seen = Seen()
        let log = ArrivalLog(source: source, observer: seen, maxHeldRecords: 12)
        var restorePoint = 0
        for front in 0..<events.count {
            #expect(log.hasRecord(at: front))
            if front.isMultiple(of: 17) { restorePoint = max(restorePoint, front - 40) }
            log.release(before: restorePoint)
            for position in restorePoint...front where position.isMultiple(of: 3) || position == front {
                #expect(log.event(at: position) == events[position], "offset \(position) at front \(front)")
            }
            #expect(Array(log.records(in: restorePoint..<front + 1)) == Array(events[restorePoint...front]))
        }
        #expect(log.isEnd(events.count))
        #expect(seen.offsets == Array(events.indices), "each record reaches the observer once, in order")
        #expect(source.runsHandedOut > 80, "the log read runs, not one array")
        if reopenable {
            // Older records are re-read, not held.
            #expect(log.peakRetained <= 12, "peak \(log.peakRetained)")
        } else {
            // Nothing to re-read from: everything a restore may read is held
            // (the front runs 57 records past a restore point, and one more
            // is pulled before the point moves).
            #expect(log.peakRetained > 12 && log.peakRetained <= 58, "peak \(log.peakRetained)")
        }
    }

    /// Runs shared by several logs are handed out, not copied: each
    /// reader of a pass gets the same chunk.
    @Test func aSharedPassHandsEachReaderTheSameChunk() {
        let pass = SharedLogPass(source: ArrayArrivalSource(events), readers: 2, reopen: { ArrayArrivalSource(events) },
                                 chunkSize: 64, chunksAhead: 4)
        let first = pass.reader(), second = pass.reader()
        defer {
            first.close()
            second.close()
        }
        let a = first.nextRun(maxCount: 1_000)!, b = second.nextRun(maxCount: 10)!
        #expect(a.chunk === b.chunk)
        #expect(a.events.count == 64 && b.events.count == 10)
        #expect(Array(a.events) == Array(events.prefix(64)) && Array(b.events) == Array(events.prefix(10)))
        // The rest of the chunk in hand, then the next one.
        let rest = second.nextRun(maxCount: 1_000)!
        #expect(rest.chunk === a.chunk && Array(rest.events) == Array(events[10..<64]))
        #expect(second.nextArrival() == events[64])
    }
}
