// Exercise 08 checks: a stream with replays and a watermark per event.
struct Delivery { var event: ShopEvent; var watermarkMicros: Int64 }

func order(_ id: Int, _ key: String, second: Int64) -> ShopEvent {
    ShopEvent(id: id, key: key, eventTimeMicros: Clock.at(23, 0, second))
}

func checkDedup(_ deliveries: [Delivery], retentionMicros: Int64, expectedStateSize: Int? = nil) -> String? {
    var dedup = Deduplicator(retentionMicros: retentionMicros)
    let emitted = deliveries.filter { dedup.process($0.event, watermarkMicros: $0.watermarkMicros) }.map(\.event.id)
    var seen: Set<Int> = []
    let expected = deliveries.map(\.event.id).filter { seen.insert($0).inserted }
    if emitted != expected {
        let shown = "emitted ids \(emitted), expected \(expected)"
        if emitted.count > expected.count { return "forgot to de-duplicate on replay: a replayed event (same id) was emitted again; \(shown)" }
        return "dropped distinct events: de-duplicate by event id, not by key; two orders of one customer are two events; \(shown)"
    }
    if let expectedStateSize, dedup.stateSize != expectedStateSize {
        let watermark = deliveries.last.map { Clock.text($0.watermarkMicros) } ?? "-"
        if dedup.stateSize > expectedStateSize && dedup.stateSize == Set(deliveries.map(\.event.id)).count && expectedStateSize + 1 < dedup.stateSize {
            return "state grows without bound: forget an id once eventTime + retention <= watermark (\(watermark)); remembering \(dedup.stateSize) ids, expected \(expectedStateSize)"
        }
        return "`<` instead of `<=`: an id whose eventTime + retention == watermark (\(watermark)) must be evicted; remembering \(dedup.stateSize) ids, expected \(expectedStateSize)"
    }
    return nil
}
