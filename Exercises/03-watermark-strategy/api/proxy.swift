// Exercise 03, checker side: a handle on a BoundedOutOfOrderness that lives
// in the student's program (_kit/checker/StudentLink.swift).
struct BoundedOutOfOrderness {
    let maxOutOfOrdernessMicros: Int64
    private let handle: Int

    init(maxOutOfOrdernessMicros: Int64) {
        self.maxOutOfOrdernessMicros = maxOutOfOrdernessMicros
        handle = StudentLink.answer("init") { $0.put(maxOutOfOrdernessMicros) }
    }

    mutating func onEvent(_ event: ShopEvent) {
        StudentLink.perform("onEvent") { [handle] in $0.put(handle); $0.put(event) }
    }

    func currentWatermark() -> Int64 {
        StudentLink.answer("currentWatermark") { [handle] in $0.put(handle) }
    }
}
