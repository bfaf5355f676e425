// Catalogued mistake: forgets Flink's "- 1", so a window whose end - 1 equals the watermark fires one event too early.
struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64
    private var maxTimestampMicros: Int64? = nil
    init(maxOutOfOrdernessMicros: Int64) { self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros }
    mutating func onEvent(_ event: ShopEvent) { maxTimestampMicros = max(maxTimestampMicros ?? Int64.min, event.eventTimeMicros) }
    func currentWatermark() -> Int64 {
        guard let maxTimestampMicros else { return Int64.min }
        return maxTimestampMicros - maxOutOfOrdernessMicros
    }
}
