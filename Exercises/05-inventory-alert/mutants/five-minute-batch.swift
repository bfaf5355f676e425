// Catalogued mistake: a 5-minute batch job: alerts wait for the next batch boundary.
struct InventoryAlert {
    let thresholdUnits: Int
    private var low: Set<String> = []
    private var pending: [String] = []
    private var lastFlushMicros: Int64? = nil
    init(thresholdUnits: Int) { self.thresholdUnits = thresholdUnits }
    mutating func process(_ event: ShopEvent) -> [String] {
        if event.value <= thresholdUnits {
            if low.insert(event.key).inserted { pending.append(event.key) }
        } else {
            low.remove(event.key)
        }
        let start = lastFlushMicros ?? event.arrivalTimeMicros
        if lastFlushMicros == nil { lastFlushMicros = start }
        guard event.arrivalTimeMicros - start >= 5 * 60_000_000 else { return [] }
        lastFlushMicros = event.arrivalTimeMicros
        defer { pending = [] }
        return pending
    }
}
