// Exercise 03: a watermark strategy (lesson 03, Time).
//
// Flink's bounded-out-of-orderness watermark: after seeing events, the
// watermark is (largest EVENT time seen) - maxOutOfOrderness - 1 microsecond.
// Before any event it is Int64.min. It never moves backwards.

struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64

    init(maxOutOfOrdernessMicros: Int64) {
        self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros
    }

    mutating func onEvent(_ event: ShopEvent) {
        // TODO: remember what the watermark needs.
    }

    func currentWatermark() -> Int64 {
        // TODO
        return 0
    }
}
