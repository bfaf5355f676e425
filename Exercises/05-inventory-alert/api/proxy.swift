// Exercise 05, checker side: a handle on an InventoryAlert that lives in the
// student's program (_kit/checker/StudentLink.swift).
struct InventoryAlert {
    let thresholdUnits: Int
    private let handle: Int

    init(thresholdUnits: Int) {
        self.thresholdUnits = thresholdUnits
        handle = StudentLink.answer("init") { $0.put(thresholdUnits) }
    }

    mutating func process(_ event: ShopEvent) -> [String] {
        StudentLink.answer("process") { [handle] in $0.put(handle); $0.put(event) }
    }
}
