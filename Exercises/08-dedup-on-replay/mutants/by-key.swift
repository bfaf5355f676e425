// Catalogued mistake: de-duplicates by key instead of by event id.
struct Deduplicator {
    let retentionMicros: Int64
    private var expiryByKey: [String: Int64] = [:]
    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }
    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        expiryByKey = expiryByKey.filter { $0.value > watermarkMicros }
        if expiryByKey[event.key] != nil { return false }
        expiryByKey[event.key] = event.eventTimeMicros + retentionMicros
        return true
    }
    var stateSize: Int { expiryByKey.count }
}
