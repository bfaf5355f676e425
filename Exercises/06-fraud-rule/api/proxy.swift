// Exercise 06, checker side: a handle on a FraudRule that lives in the
// student's program (_kit/checker/StudentLink.swift).
struct FraudRule {
    private let handle: Int

    init() {
        handle = StudentLink.answer("init")
    }

    mutating func process(_ payment: ShopEvent) -> Bool {
        StudentLink.answer("process") { [handle] in $0.put(handle); $0.put(payment) }
    }
}
