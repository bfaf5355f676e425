// Reference for exercise 05: per-SKU armed/disarmed state, alert on the crossing.
struct InventoryAlert {
    let thresholdUnits: Int
    private var low: Set<String> = []

    init(thresholdUnits: Int) { self.thresholdUnits = thresholdUnits }

    mutating func process(_ event: ShopEvent) -> [String] {
        if event.value <= thresholdUnits {
            return low.insert(event.key).inserted ? [event.key] : []
        }
        low.remove(event.key)
        return []
    }
}
