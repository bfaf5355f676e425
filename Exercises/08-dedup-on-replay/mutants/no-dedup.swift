// Catalogued mistake: forgets to de-duplicate on replay.
struct Deduplicator {
    let retentionMicros: Int64
    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }
    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool { true }
    var stateSize: Int { 0 }
}
