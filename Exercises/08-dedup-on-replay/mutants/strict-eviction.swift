// Catalogued mistake: evicts with `<` instead of `<=`, keeping an id one tick too long.
struct Deduplicator {
    let retentionMicros: Int64
    private var expiryById: [Int: Int64] = [:]
    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }
    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        expiryById = expiryById.filter { $0.value >= watermarkMicros }
        if expiryById[event.id] != nil { return false }
        expiryById[event.id] = event.eventTimeMicros + retentionMicros
        return true
    }
    var stateSize: Int { expiryById.count }
}
