import Collections
import Delivery
import SimKernel
import Workloads

/// Where the checker stops holding per-record facts: the log offset and the
/// keys' running totals before it. Records from `offset` on are re-read from
/// a reopened source instead of held (issue 14, "the oracle itself streams":
/// a nightly job's replay span is the whole input before its first run).
struct ColdMark {
    let offset: Int
    let totalsBefore: KeyTable<Double>
}

/// The log's truth re-read in order from a reopened source: each record with
/// its key's running total after it, which is what `StreamingCheck.logged`
/// computed when the record entered the log (same records, same order).
struct TruthReader {
    /// Read in runs (`ReadAhead`).
    private var source: ReadAhead
    private var totals: KeyTable<Double>
    private let kindSigns: [Double]
    /// The offset of the record `next()` returns.
    private(set) var position: Int

    /// A reader at `mark.offset`: the records before it are read past.
    init(reopening make: () -> ArrivalSource, at mark: ColdMark, kindSigns: [Double]) {
        source = ReadAhead(make())
        totals = mark.totalsBefore
        self.kindSigns = kindSigns
        position = 0
        // Bounded by the mark's offset; the log had that many records.
        while position < mark.offset {
            _ = nextRecord()
            position += 1
        }
    }

    /// The source's next record; the log had it, so the source has it.
    private mutating func nextRecord() -> Event {
        guard let event = source.next() else { preconditionFailure("the reopened source ended at offset \(position)") }
        return event
    }

    /// Reads on to `offset` (the totals follow): a reader kept from an
    /// earlier span that was not held moves on to a later one in one pass.
    mutating func advance(to offset: Int) {
        // Bounded by `offset`.
        while position < offset { _ = next() }
    }

    mutating func next() -> (event: Event, expected: Double) {
        let event = nextRecord()
        let total = totals[event.key] + KeyedTotalsOperator.sign(of: event, kindSigns: kindSigns) * event.value
        totals[event.key] = total
        position += 1
        return (event, total)
    }
}

/// A first-in first-out queue of per-record facts in log order that holds
/// at most `capacity` of them. Past that, a record is only counted; when it
/// reaches the front, its facts are re-derived from a `TruthReader`. Once
/// every counted record has been taken, the queue holds again; its reader
/// stays, and moves on to where the queue next stops holding, so a run that
/// stops holding many times still re-reads the log once.
struct SpilledQueue<Element> {
    let capacity: Int
    private let reopen: (() -> ArrivalSource)?
    private let kindSigns: [Double]
    private let derive: (Event, Double) -> Element
    private var held = Deque<Element>()
    /// Records appended but not held (they follow every held one).
    private(set) var spilledCount = 0
    /// Where the queue stopped holding, while it is not holding.
    private(set) var mark: ColdMark?
    private var reader: TruthReader?
    private var front: Element?

    /// `reopen` nil: the queue always holds (nothing to re-read from).
    init(capacity: Int, reopen: (() -> ArrivalSource)?, kindSigns: [Double], derive: @escaping (Event, Double) -> Element) {
        precondition(capacity > 0, "a queue holds at least one record")
        self.capacity = capacity
        self.reopen = reopen
        self.kindSigns = kindSigns
        self.derive = derive
    }

    var isEmpty: Bool { held.isEmpty && spilledCount == 0 }
    var count: Int { held.count + spilledCount }
    /// The records held (they come before every counted one).
    var heldCount: Int { held.count }
    /// Whether records are being counted instead of held.
    var isSpilling: Bool { spilledCount > 0 }

    /// Appends the record at log offset `offset`; `totalsBefore` (asked only
    /// when the queue starts spilling) are the running totals before it.
    mutating func append(_ element: @autoclosure () -> Element, offset: Int, totalsBefore: @autoclosure () -> KeyTable<Double>) {
        if spilledCount == 0, held.count < capacity || reopen == nil {
            held.append(element())
            return
        }
        if spilledCount == 0 { mark = ColdMark(offset: offset, totalsBefore: totalsBefore()) }
        spilledCount += 1
    }

    /// The oldest record.
    mutating func first() -> Element? {
        if let element = held.first { return element }
        guard spilledCount > 0 else { return nil }
        if front == nil {
            if reader == nil { reader = TruthReader(reopening: reopen!, at: mark!, kindSigns: kindSigns) }
            reader!.advance(to: mark!.offset)
            let (event, expected) = reader!.next()
            front = derive(event, expected)
        }
        return front
    }

    /// Forgets the records counted but not held, without re-reading them
    /// (the held ones were taken first); returns how many there were.
    mutating func dropSpilled() -> Int {
        precondition(held.isEmpty, "the held records are taken first")
        let dropped = spilledCount
        spilledCount = 0
        mark = nil
        front = nil
        return dropped
    }

    /// Frees the storage of an empty queue (a deque keeps its largest
    /// capacity) and its reader.
    mutating func releaseStorage() {
        precondition(isEmpty, "only an empty queue is released")
        held = Deque()
        reader = nil
    }

    @discardableResult
    mutating func removeFirst() -> Element {
        if !held.isEmpty { return held.removeFirst() }
        guard let element = first() else { preconditionFailure("removeFirst on an empty queue") }
        front = nil
        spilledCount -= 1
        if spilledCount == 0 { mark = nil }
        return element
    }
}

/// An event's output copies and whether its last copy's value was wrong,
/// in one byte: bit 0 is the verdict of the last copy, bits 1-7 hold the
/// copies plus one (so a zero byte is "no event"), up to 125 copies; the
/// field's largest value says the copies are counted exactly on the side
/// (`many`, by id). The checker's held and re-read events both count copies
/// this way.
enum CopyByte {
    /// An event with no copy yet.
    static var noCopies: UInt8 { 1 << 1 }
    /// The field value from which copies are counted in `many`.
    static var spilled: UInt8 { 127 }

    /// `byte` with one more copy, whose value was wrong or not; and the copies now.
    static func adding(to byte: UInt8, wrong: Bool, id: UInt64, many: inout [UInt64: UInt32]) -> (byte: UInt8, copies: UInt32) {
        precondition(byte != 0, "copies are counted for a known event")
        let field = byte >> 1
        var copies = UInt32(field) // the old copies plus this one
        if field == spilled { copies = many[id]! + 1 }
        guard copies >= UInt32(spilled) - 1 else { return (UInt8(copies + 1) << 1 | (wrong ? 1 : 0), copies) }
        precondition(copies < UInt32.max, "event \(id): too many copies to count")
        many[id] = copies
        return (spilled << 1 | (wrong ? 1 : 0), copies)
    }

    /// The copies in `byte` and the last copy's verdict; forgets the side count.
    static func take(_ byte: UInt8, id: UInt64, many: inout [UInt64: UInt32]) -> (copies: UInt32, lastWrong: Bool) {
        let field = byte >> 1
        guard field != 0 else { return (0, false) }
        let copies = field == spilled ? many.removeValue(forKey: id)! : UInt32(field - 1)
        return (copies, byte & 1 == 1)
    }
}

/// Output copies per event id (and whether the last copy's value was wrong)
/// for events the checker no longer holds: one `CopyByte` per id, in pages
/// of 4,096 ids, allocated while a page has a live id and freed after.
/// Ids in a replay span are dense (the generator numbers events in order),
/// so the pages are full.
///
/// The pages sit in an array, found by a dictionary from page number to
/// place; the last page each of `add` and `remove` used is remembered, so
/// ids in order cost no hashing (a nightly job's checker adds and removes
/// every event of the day here: two dictionary round trips per event were
/// a tenth of its run, perf, issue 14).
struct CopyCounts {
    static var pageShift: Int { 12 }
    private var placeOfPage: [UInt64: Int] = [:]
    private var pages: [(live: Int, slots: [UInt8])] = []
    /// Places in `pages` no page uses.
    private var freePlaces: [Int] = []
    private var lastAdd: (page: UInt64, place: Int)?
    private var lastRemove: (page: UInt64, place: Int)?
    private var manyCopies: [UInt64: UInt32] = [:]
    private(set) var count = 0

    private static func locate(_ id: UInt64) -> (page: UInt64, slot: Int) {
        (id >> UInt64(pageShift), Int(id & UInt64((1 << pageShift) - 1)))
    }

    /// The place of `page`, if it has live ids.
    private func place(of page: UInt64, remembered: (page: UInt64, place: Int)?) -> Int? {
        if let remembered, remembered.page == page { return remembered.place }
        return placeOfPage[page]
    }

    /// Counts one more copy of `id`, whose value was wrong or not; returns the copies now.
    mutating func add(_ id: UInt64, wrong: Bool) -> UInt32 {
        let (page, slot) = Self.locate(id)
        let place: Int
        if let found = self.place(of: page, remembered: lastAdd) {
            place = found
        } else {
            let empty = (live: 0, slots: [UInt8](repeating: 0, count: 1 << Self.pageShift))
            if let free = freePlaces.popLast() {
                pages[free] = empty
                place = free
            } else {
                pages.append(empty)
                place = pages.count - 1
            }
            placeOfPage[page] = place
        }
        lastAdd = (page, place)
        var old = pages[place].slots[slot]
        if old == 0 {
            pages[place].live += 1
            count += 1
            old = CopyByte.noCopies
        }
        let (byte, copies) = CopyByte.adding(to: old, wrong: wrong, id: id, many: &manyCopies)
        pages[place].slots[slot] = byte
        return copies
    }

    /// Removes every id, telling each one's copies and whether its last
    /// was wrong (in id order).
    mutating func removeAll(_ body: (_ copies: UInt32, _ lastWrong: Bool) -> Void) {
        for page in placeOfPage.keys.sorted() {
            let slots = pages[placeOfPage[page]!].slots
            for (slot, byte) in slots.enumerated() where byte != 0 {
                let taken = CopyByte.take(byte, id: page << UInt64(Self.pageShift) | UInt64(slot), many: &manyCopies)
                body(taken.copies, taken.lastWrong)
            }
        }
        precondition(manyCopies.isEmpty, "every side count belongs to a live id")
        self = CopyCounts()
    }

    /// Removes `id`; returns its copies and whether the last was wrong.
    mutating func remove(_ id: UInt64) -> (copies: UInt32, lastWrong: Bool) {
        let (page, slot) = Self.locate(id)
        guard let place = self.place(of: page, remembered: lastRemove) else { return (0, false) }
        lastRemove = (page, place)
        let value = pages[place].slots[slot]
        if value != 0 {
            pages[place].slots[slot] = 0
            pages[place].live -= 1
            count -= 1
            if pages[place].live == 0 {
                // The page is freed; its place is reused.
                placeOfPage[page] = nil
                pages[place].slots = []
                freePlaces.append(place)
                if lastAdd?.page == page { lastAdd = nil }
                lastRemove = nil
            }
        }
        return CopyByte.take(value, id: id, many: &manyCopies)
    }
}
