import SimKernel

/// An append-only event store with periodic snapshots of the folded state.
///
/// A snapshot is the table after event `sequence`, written every
/// `snapshotEvery` events. Rebuilding from the latest snapshot reads only the
/// tail after it and must give the same table as replaying the whole log: the
/// snapshot is a cache of the fold, never a second source of truth. Snapshots
/// hold current-schema state, so a schema change needs the upcaster only for
/// the events still replayed.
public struct EventStore: Sendable {
    public struct Snapshot: Equatable, Sendable {
        public var sequence: Int
        public var table: [Int32: Int64]
    }

    /// How a table was rebuilt and what it cost.
    public struct Rebuild: Equatable, Sendable {
        public var table: [Int32: Int64]
        public var snapshotSequence: Int?
        public var eventsRead: Int
        public var eventsUpcast: Int
    }

    public private(set) var events: [RecordedEvent] = []
    public private(set) var snapshots: [Snapshot] = []
    /// Nil: no snapshots.
    public let snapshotEvery: Int?
    private var folded: [Int32: Int64] = [:]

    public init(snapshotEvery: Int?) {
        precondition(snapshotEvery.map { $0 > 0 } ?? true, "snapshots every N > 0 events")
        self.snapshotEvery = snapshotEvery
    }

    /// Appends the next event (its sequence must follow the last one).
    public mutating func append(_ event: RecordedEvent) {
        precondition(event.sequence == events.count + 1, "sequences are dense from 1")
        events.append(event)
        InventoryFold.apply(InventoryFold.upcast(event), to: &folded)
        if let snapshotEvery, event.sequence % snapshotEvery == 0 {
            snapshots.append(Snapshot(sequence: event.sequence, table: folded))
        }
    }

    /// The table from the whole log, every event read.
    public func fullReplay() -> Rebuild {
        Rebuild(table: InventoryFold.replay(events), snapshotSequence: nil, eventsRead: events.count,
                eventsUpcast: events.filter { $0 != InventoryFold.upcast($0) }.count)
    }

    /// The table from the latest snapshot plus the events after it.
    public func rebuildFromSnapshot() -> Rebuild {
        guard let snapshot = snapshots.last else { return fullReplay() }
        let tail = events[snapshot.sequence...]
        return Rebuild(table: InventoryFold.replay(tail, from: snapshot.table), snapshotSequence: snapshot.sequence,
                       eventsRead: tail.count, eventsUpcast: tail.filter { $0 != InventoryFold.upcast($0) }.count)
    }
}
