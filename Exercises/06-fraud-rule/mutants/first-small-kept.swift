// Catalogued mistake for exercise 06: a second small payment does not move
// the armed time; the rule measures from the first small payment.
struct FraudRule {
    private var smallAtMicros: [String: Int64] = [:]

    init() {}

    mutating func process(_ payment: ShopEvent) -> Bool {
        if payment.value < 100 {
            if smallAtMicros[payment.key] == nil { smallAtMicros[payment.key] = payment.eventTimeMicros }
            return false
        }
        let armedAt = smallAtMicros.removeValue(forKey: payment.key)
        guard payment.value > 50_000, let armedAt else { return false }
        return payment.eventTimeMicros - armedAt <= 60_000_000
    }
}
