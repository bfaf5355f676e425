// Catalogued mistake: alerts on every low reading instead of once per drop.
struct InventoryAlert {
    let thresholdUnits: Int
    init(thresholdUnits: Int) { self.thresholdUnits = thresholdUnits }
    mutating func process(_ event: ShopEvent) -> [String] {
        event.value <= thresholdUnits ? [event.key] : []
    }
}
