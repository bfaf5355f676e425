// Catalogued mistake for exercise 03: 0 stands for "no event yet", which
// breaks for event times before the epoch (negative times).
struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64
    private var maxTimestampMicros: Int64 = 0

    init(maxOutOfOrdernessMicros: Int64) { self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros }

    mutating func onEvent(_ event: ShopEvent) {
        maxTimestampMicros = max(maxTimestampMicros, event.eventTimeMicros)
    }

    func currentWatermark() -> Int64 {
        if maxTimestampMicros == 0 { return Int64.min }
        return maxTimestampMicros - maxOutOfOrdernessMicros - 1
    }
}
