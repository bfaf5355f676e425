// Catalogued mistake for exercise 08: expiry computed from arrival time.
struct Deduplicator {
    let retentionMicros: Int64
    private var expiryById: [Int: Int64] = [:]

    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }

    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        expiryById = expiryById.filter { $0.value > watermarkMicros }
        if expiryById[event.id] != nil { return false }
        if event.eventTimeMicros + retentionMicros <= watermarkMicros { return true }  // too old to remember
        expiryById[event.id] = event.arrivalTimeMicros + retentionMicros
        return true
    }

    var stateSize: Int { expiryById.count }
}
