/// A value per key. Generated keys are small dense integers, so keys in
/// `0..<denseLimit` live in an array (no hashing on the per-event path);
/// any other key (a trace's) goes to a dictionary. A value type: a copy (a
/// checkpoint) costs the keys held, not the stream. Inlinable, so each
/// client specializes it (a generic call per event cost a metadata lookup).
public struct KeyTable<Value> {
    @inlinable public static var denseLimit: Int32 { 1 << 22 }

    @usableFromInline var dense: [Value] = []
    @usableFromInline var sparse: [Int32: Value] = [:]
    public let initial: Value

    @inlinable public init(initial: Value) { self.initial = initial }

    @inlinable @inline(__always) public subscript(key: Int32) -> Value {
        get {
            if key >= 0, key < Self.denseLimit { return Int(key) < dense.count ? dense[Int(key)] : initial }
            return sparse[key] ?? initial
        }
        set {
            // A key already in the array is the per-event case: a store,
            // inlined; growing and the dictionary are out of line (the
            // whole setter was a call of 40 instructions per event, twice
            // per event in the crash run's checker, callgrind, issue 14).
            if key >= 0, key < Self.denseLimit, Int(key) < dense.count {
                dense[Int(key)] = newValue
            } else {
                setOutsideArray(key, newValue)
            }
        }
    }

    @usableFromInline mutating func setOutsideArray(_ key: Int32, _ newValue: Value) {
        if key >= 0, key < Self.denseLimit {
            dense += repeatElement(initial, count: Swift.max(Int(key) + 1 - dense.count, dense.count))
            dense[Int(key)] = newValue
        } else {
            sparse[key] = newValue
        }
    }

    /// Every key ever set (and dense keys below the largest one), in key order.
    public func forEach(_ body: (Int32, Value) -> Void) {
        var sparseKeys = sparse.keys.sorted()
        var next = 0
        for (index, value) in dense.enumerated() {
            while next < sparseKeys.count, sparseKeys[next] < Int32(index) {
                body(sparseKeys[next], sparse[sparseKeys[next]]!)
                next += 1
            }
            body(Int32(index), value)
        }
        sparseKeys.removeFirst(next)
        for key in sparseKeys { body(key, sparse[key]!) }
    }
}
