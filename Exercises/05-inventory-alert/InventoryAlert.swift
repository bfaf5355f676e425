// Exercise 05: an inventory alert that fires within 2 minutes (lesson 05).
//
// Each event is a stock reading: `key` is the SKU, `value` the units left.
// Alert (return the SKU) when a SKU's stock falls to or BELOW the threshold.
// Alert once per drop: stay quiet while the SKU stays low, and re-arm when
// its stock goes back above the threshold. The warehouse must hear within
// 2 minutes of simulated time of the reading that crossed the threshold;
// `process` is called as each reading arrives (at event.arrivalTimeMicros).

struct InventoryAlert {
    let thresholdUnits: Int

    init(thresholdUnits: Int) { self.thresholdUnits = thresholdUnits }

    /// The SKUs to alert about now.
    mutating func process(_ event: ShopEvent) -> [String] {
        // TODO
        return []
    }
}
