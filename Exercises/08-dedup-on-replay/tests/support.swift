// Exercise 08 checks: a stream with replays and a watermark per event.
struct Delivery { var event: ShopEvent; var watermarkMicros: Int64 }

func order(_ id: Int, _ key: String, second: Int64) -> ShopEvent {
    ShopEvent(id: id, key: key, eventTimeMicros: Clock.at(23, 0, second))
}

// Probes: each confirms one misconception on a small discriminating input
// before a message names it.

/// Two different ids at the same event time (and key): one is dropped.
func dropsSameEventTime() -> Bool {
    var dedup = Deduplicator(retentionMicros: Clock.minuteMicros)
    _ = dedup.process(ShopEvent(id: 1, key: "a", eventTimeMicros: Clock.at(23, 0)), watermarkMicros: 0)
    return !dedup.process(ShopEvent(id: 2, key: "b", eventTimeMicros: Clock.at(23, 0)), watermarkMicros: 0)
}

/// Two different ids of one key at different times: one is dropped.
func dropsSameKey() -> Bool {
    var dedup = Deduplicator(retentionMicros: Clock.minuteMicros)
    _ = dedup.process(ShopEvent(id: 1, key: "a", eventTimeMicros: Clock.at(23, 0)), watermarkMicros: 0)
    return !dedup.process(ShopEvent(id: 2, key: "a", eventTimeMicros: Clock.at(23, 0, 1)), watermarkMicros: 0)
}

/// Three ids, then a watermark long past all of them: nothing is forgotten.
func neverEvicts() -> Bool {
    var dedup = Deduplicator(retentionMicros: Clock.secondMicros)
    for id in 1...3 { _ = dedup.process(ShopEvent(id: id, eventTimeMicros: Clock.at(23, 0, Int64(id))), watermarkMicros: 0) }
    _ = dedup.process(ShopEvent(id: 4, eventTimeMicros: Clock.at(23, 10)), watermarkMicros: Clock.at(23, 5))
    return dedup.stateSize >= 4
}

/// An id that arrived long after its event time is still remembered when
/// the watermark has passed its event time + retention.
func expiresByArrivalTime() -> Bool {
    var dedup = Deduplicator(retentionMicros: 5 * Clock.secondMicros)
    _ = dedup.process(ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0), arrivalTimeMicros: Clock.at(23, 1)), watermarkMicros: 0)
    _ = dedup.process(ShopEvent(id: 2, eventTimeMicros: Clock.at(23, 0, 30), arrivalTimeMicros: Clock.at(23, 1)), watermarkMicros: Clock.at(23, 0, 20))
    return dedup.stateSize == 2
}

/// An id whose event time + retention equals the watermark is still remembered.
func keepsAnIdAtExactlyItsExpiry() -> Bool {
    var dedup = Deduplicator(retentionMicros: 5 * Clock.secondMicros)
    _ = dedup.process(ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0)), watermarkMicros: 0)
    _ = dedup.process(ShopEvent(id: 2, eventTimeMicros: Clock.at(23, 0, 30)), watermarkMicros: Clock.at(23, 0, 5))
    return dedup.stateSize == 2
}

func checkDedup(_ deliveries: [Delivery], retentionMicros: Int64, expectedStateSize: Int? = nil) -> String? {
    var dedup = Deduplicator(retentionMicros: retentionMicros)
    let emitted = deliveries.filter { dedup.process($0.event, watermarkMicros: $0.watermarkMicros) }.map(\.event.id)
    var seen: Set<Int> = []
    let expected = deliveries.map(\.event.id).filter { seen.insert($0).inserted }
    if emitted != expected {
        let shown = "emitted ids \(emitted), expected \(expected)"
        if emitted.count > expected.count { return "forgot to de-duplicate on replay: a replayed event (same id) was emitted again; \(shown)" }
        if dropsSameEventTime() { return "de-duplicated by event time: two different orders at the same instant are two events; key the state by event id; \(shown)" }
        if dropsSameKey() { return "dropped distinct events: de-duplicate by event id, not by key; two orders of one customer are two events; \(shown)" }
        return "wrong events emitted: \(shown)"
    }
    if let expectedStateSize, dedup.stateSize != expectedStateSize {
        let watermark = deliveries.last.map { Clock.text($0.watermarkMicros) } ?? "-"
        let shown = "remembering \(dedup.stateSize) ids, expected \(expectedStateSize) at watermark \(watermark)"
        if neverEvicts() {
            return "state grows without bound: forget an id once eventTime + retention <= watermark; \(shown)"
        }
        if expiresByArrivalTime() {
            return "expiry computed from arrival time: an id expires at its EVENT time + retention, whenever it arrived; \(shown)"
        }
        if keepsAnIdAtExactlyItsExpiry() {
            return "`<` instead of `<=`: an id whose eventTime + retention == watermark must be evicted; \(shown)"
        }
        return "wrong state size: \(shown)"
    }
    return nil
}
