// Catalogued mistake for exercise 08: event time used as the de-duplication key.
struct Deduplicator {
    let retentionMicros: Int64
    private var expiryByTime: [Int64: Int64] = [:]

    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }

    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        expiryByTime = expiryByTime.filter { $0.value > watermarkMicros }
        if expiryByTime[event.eventTimeMicros] != nil { return false }
        if event.eventTimeMicros + retentionMicros <= watermarkMicros { return true }  // too old to remember
        expiryByTime[event.eventTimeMicros] = event.eventTimeMicros + retentionMicros
        return true
    }

    var stateSize: Int { expiryByTime.count }
}
