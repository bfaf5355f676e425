import SimKernel
import Testing
@testable import Workloads

/// The reorder buffer against the obvious model: a list sorted by
/// (arrival, id, attempt). Schedules mix near arrivals (wheel), far ones
/// (overflow), equal arrivals (tie-break) and long idle gaps (bitmap scans
/// that wrap around), pop through `pop()` and through `popIfDue`, and check
/// the invariants after every operation.
struct ArrivalReorderBufferTests {
    func event(id: UInt64, attempt: UInt8 = 0, arrivalMicros: Int64) -> Event {
        Event(id: id, key: 0, attempt: attempt, value: 0, eventTime: .init(micros: 0), arrivalTime: .init(micros: arrivalMicros))
    }

    /// `withOverflow: false` keeps every arrival within a wheel turn, so
    /// `advance` takes its common path (a whole bitmap word) every time.
    func runSchedule(seed: UInt64, operations: Int, withOverflow: Bool = true) {
        let stream = RandomStream(root: seed, component: "reorder-test")
        let buffer = ArrivalReorderBuffer()
        var model: [Event] = []
        var nextId: UInt64 = 0
        var floorMicros: Int64 = 5_000_000
        for _ in 0..<operations {
            if model.isEmpty || stream.nextUnit() < 0.55 {
                let spread: Int64 = switch stream.nextIndex(below: 4) {
                case 0: 0                      // same bucket as the floor
                case 1: 200_000                // the wheel
                case 2: withOverflow ? 30_000_000 : 200_000  // overflow
                default: 2_000                 // a few buckets, many ties
                }
                let arrival = floorMicros + (spread == 0 ? 0 : Int64(stream.nextIndex(below: Int(spread))))
                let attempt = UInt8(stream.nextIndex(below: 2))
                let pushed = event(id: nextId, attempt: attempt, arrivalMicros: arrival)
                if attempt == 0 { nextId += 1 }
                buffer.push(pushed)
                model.append(pushed)
            } else {
                model.sort { ($0.arrivalTime.micros, $0.id, $0.attempt) < ($1.arrivalTime.micros, $1.id, $1.attempt) }
                let minimum = model[0].arrivalTime.micros
                let popped: Event?
                if stream.nextUnit() < 0.5 {
                    #expect(buffer.minimumArrival == minimum)
                    popped = buffer.pop()
                } else {
                    // The generator's call: a limit just before, at or after the minimum.
                    let limit = minimum + Int64(stream.nextIndex(below: 3)) - 1
                    popped = buffer.popIfDue(atOrBefore: limit)
                    if limit < minimum {
                        #expect(popped == nil)
                        #expect(buffer.checkInvariants())
                        continue
                    }
                }
                #expect(popped == model.removeFirst())
                // Pushes never precede what was delivered (the generator's guarantee).
                floorMicros = popped!.arrivalTime.micros
                if stream.nextUnit() < 0.02 { floorMicros += 3_000_000 }  // an idle gap longer than the wheel
            }
            #expect(buffer.count == model.count)
            #expect(buffer.checkInvariants())
        }
        model.sort { ($0.arrivalTime.micros, $0.id, $0.attempt) < ($1.arrivalTime.micros, $1.id, $1.attempt) }
        for expected in model { #expect(buffer.pop() == expected) }
        #expect(buffer.pop() == nil)
        #expect(buffer.popIfDue(atOrBefore: .max) == nil)
        #expect(buffer.minimumArrival == nil)
        #expect(buffer.checkInvariants())
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func deliversInArrivalThenIdOrderAcrossWheelAndOverflow(seed: UInt64) {
        runSchedule(seed: seed, operations: 4_000)
    }

    @Test(arguments: [6, 7, 8] as [UInt64])
    func deliversInOrderWhenWholeBitmapWordsBecomeDue(seed: UInt64) {
        runSchedule(seed: seed, operations: 4_000, withOverflow: false)
    }

    @Test func anArrivalAtTheLastInstantIsNotMistakenForAnEmptyBuffer() {
        let buffer = ArrivalReorderBuffer()
        #expect(buffer.popIfDue(atOrBefore: .max) == nil)
        buffer.push(event(id: 0, arrivalMicros: .max))
        #expect(buffer.checkInvariants())
        #expect(buffer.minimumArrival == .max)
        #expect(buffer.popIfDue(atOrBefore: .max - 1) == nil)
        #expect(buffer.popIfDue(atOrBefore: .max)?.id == 0)
        #expect(buffer.minimumArrival == nil)
        #expect(buffer.checkInvariants())
    }

    @Test func equalArrivalsInGenerationOrderAppendAndComeOutById() {
        // The tail append: the pattern of a producer's offline backlog.
        let buffer = ArrivalReorderBuffer()
        buffer.push(event(id: 0, arrivalMicros: 1_000))
        for id in 1...2_000 as ClosedRange<UInt64> { buffer.push(event(id: id, arrivalMicros: 2_000_000)) }
        #expect(buffer.checkInvariants())
        for id in 0...2_000 as ClosedRange<UInt64> { #expect(buffer.pop()?.id == id) }
        #expect(buffer.pop() == nil)
    }

    @Test func anEmptyBufferRestartsAtAnyTime() {
        let buffer = ArrivalReorderBuffer()
        buffer.push(event(id: 0, arrivalMicros: 9_000_000_000))
        #expect(buffer.pop()?.id == 0)
        // Earlier than anything delivered before: still accepted once empty.
        buffer.push(event(id: 1, arrivalMicros: 1_000))
        buffer.push(event(id: 2, arrivalMicros: 1_000 + 5_000_000))
        #expect(buffer.checkInvariants())
        #expect(buffer.pop()?.id == 1)
        #expect(buffer.pop()?.id == 2)
        #expect(buffer.pop() == nil)
    }
}
