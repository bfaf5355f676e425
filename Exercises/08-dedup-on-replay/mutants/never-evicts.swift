// Catalogued mistake: remembers every id forever (state grows without bound).
struct Deduplicator {
    let retentionMicros: Int64
    private var seen: Set<Int> = []
    init(retentionMicros: Int64) { self.retentionMicros = retentionMicros }
    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool { seen.insert(event.id).inserted }
    var stateSize: Int { seen.count }
}
