// Exercise 07, checker side: a handle on an IdempotentSink that lives in the
// student's program (_kit/checker/StudentLink.swift).
struct IdempotentSink {
    private let handle: Int

    init() {
        handle = StudentLink.answer("init")
    }

    mutating func write(batchId: Int, rows: [(key: String, increment: Int)]) {
        StudentLink.perform("write") { [handle] in
            $0.put(handle); $0.put(batchId)
            $0.put(rows.map(\.key)); $0.put(rows.map(\.increment))
        }
    }

    func total(_ key: String) -> Int {
        StudentLink.answer("total") { [handle] in $0.put(handle); $0.put(key) }
    }
}
