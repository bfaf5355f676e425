// Exercise 06: a fraud rule (lesson 05, Stateful processing).
//
// Events are card payments: `key` is the account, `value` the amount in
// cents. Flag a payment (return true) when it is LARGE (more than $500.00,
// value > 50_000) and the same account made a SMALL payment (less than
// $1.00, value < 100) at most one minute of event time before it. Payments
// of one account arrive in event-time order; accounts are interleaved.
// A small payment arms the rule once: after a flag, or after a payment that
// is neither small nor large, the account is no longer armed.

struct FraudRule {
    init() {}

    mutating func process(_ payment: ShopEvent) -> Bool {
        // TODO
        return false
    }
}
