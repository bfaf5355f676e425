// Reference for exercise 06 (the Flink fraud-detection walkthrough's rule):
// keyed state "last small payment time", cleared by any other payment.
struct FraudRule {
    private var smallAtMicros: [String: Int64] = [:]

    init() {}

    mutating func process(_ payment: ShopEvent) -> Bool {
        let armedAt = smallAtMicros.removeValue(forKey: payment.key)
        if payment.value < 100 {
            smallAtMicros[payment.key] = payment.eventTimeMicros
            return false
        }
        guard payment.value > 50_000, let armedAt else { return false }
        return payment.eventTimeMicros - armedAt <= 60_000_000
    }
}
