// Exercise 08: de-duplication on replay (lesson 07, Fault tolerance).
//
// A source replays events after a crash (at-least-once), so the same event
// (same `id`) can come twice. Emit each id once (return true the first time).
// State must stay bounded: forget an id once the watermark has passed its
// event time plus `retentionMicros` (eventTime + retention <= watermark),
// like Spark's dropDuplicatesWithinWatermark. Different events of one key are
// different events.

struct Deduplicator {
    let retentionMicros: Int64

    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }

    /// True when the event should be emitted.
    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        // TODO
        return true
    }

    /// How many ids are remembered right now.
    var stateSize: Int { 0 }
}
