// Reference for exercise 03 (Flink BoundedOutOfOrdernessWatermarks).
struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64
    private var maxTimestampMicros: Int64? = nil

    init(maxOutOfOrdernessMicros: Int64) { self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros }

    mutating func onEvent(_ event: ShopEvent) {
        maxTimestampMicros = max(maxTimestampMicros ?? Int64.min, event.eventTimeMicros)
    }

    func currentWatermark() -> Int64 {
        guard let maxTimestampMicros else { return Int64.min }
        return maxTimestampMicros - maxOutOfOrdernessMicros - 1
    }
}
