// Exercise 08, checker side: a handle on a Deduplicator that lives in the
// student's program (_kit/checker/StudentLink.swift).
struct Deduplicator {
    let retentionMicros: Int64
    private let handle: Int

    init(retentionMicros: Int64) {
        self.retentionMicros = retentionMicros
        handle = StudentLink.answer("init") { $0.put(retentionMicros) }
    }

    mutating func process(_ event: ShopEvent, watermarkMicros: Int64) -> Bool {
        StudentLink.answer("process") { [handle] in $0.put(handle); $0.put(event); $0.put(watermarkMicros) }
    }

    var stateSize: Int {
        StudentLink.answer("stateSize") { [handle] in $0.put(handle) }
    }
}
