// Catalogued mistake: the latest event instead of the largest event time, so the watermark moves backwards.
struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64
    private var lastTimestampMicros: Int64? = nil
    init(maxOutOfOrdernessMicros: Int64) { self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros }
    mutating func onEvent(_ event: ShopEvent) { lastTimestampMicros = event.eventTimeMicros }
    func currentWatermark() -> Int64 {
        guard let lastTimestampMicros else { return Int64.min }
        return lastTimestampMicros - maxOutOfOrdernessMicros - 1
    }
}
