// Catalogued mistake: ignores the one-minute limit.
struct FraudRule {
    private var smallAtMicros: [String: Int64] = [:]
    init() {}
    mutating func process(_ payment: ShopEvent) -> Bool {
        let armedAt = smallAtMicros.removeValue(forKey: payment.key)
        if payment.value < 100 { smallAtMicros[payment.key] = payment.eventTimeMicros; return false }
        return payment.value > 50_000 && armedAt != nil
    }
}
