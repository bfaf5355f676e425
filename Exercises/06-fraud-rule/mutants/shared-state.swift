// Catalogued mistake: one state for all accounts instead of keyed state.
struct FraudRule {
    private var smallAtMicros: Int64? = nil
    init() {}
    mutating func process(_ payment: ShopEvent) -> Bool {
        let armedAt = smallAtMicros
        smallAtMicros = nil
        if payment.value < 100 { smallAtMicros = payment.eventTimeMicros; return false }
        guard payment.value > 50_000, let armedAt else { return false }
        return payment.eventTimeMicros - armedAt <= 60_000_000
    }
}
