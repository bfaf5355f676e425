// Catalogued mistake for exercise 06: the small payment's state is cleared
// only when the rule fires or a new small payment comes, not by any other payment.
struct FraudRule {
    private var smallAtMicros: [String: Int64] = [:]

    init() {}

    mutating func process(_ payment: ShopEvent) -> Bool {
        if payment.value < 100 {
            smallAtMicros[payment.key] = payment.eventTimeMicros
            return false
        }
        guard payment.value > 50_000, let armedAt = smallAtMicros[payment.key] else { return false }
        smallAtMicros.removeValue(forKey: payment.key)
        return payment.eventTimeMicros - armedAt <= 60_000_000
    }
}
