/// The radix heap's memory: 65 growable buckets plus a spare used while
/// redistributing, each a raw buffer, owned by one class so that
/// `EventQueue` keeps value semantics by copy-on-write.
///
/// Why raw buffers (Benchmarks/README.md): with `[[Entry]]` the nested
/// arrays' uniqueness checks, retain/release and `removeAll(keepingCapacity:)`
/// cost more instructions than the radix heap's actual work.
extension EventQueue {
    @usableFromInline
    struct Entry {
        /// The time, biased to an unsigned key so that order is preserved.
        @usableFromInline var key: UInt64
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload

        @inlinable init(key: UInt64, sequence: UInt64, payload: Payload) {
            self.key = key
            self.sequence = sequence
            self.payload = payload
        }
    }

    /// One bucket: initialised entries at `base[start..<count]`. Only
    /// bucket 0 is consumed from the front, so only its `start` moves.
    @usableFromInline
    struct Bucket {
        @usableFromInline var base: UnsafeMutablePointer<Entry>?
        @usableFromInline var start: Int = 0
        @usableFromInline var count: Int = 0
        @usableFromInline var capacity: Int = 0

        @inlinable init() {}

        @inlinable mutating func append(_ entry: Entry) {
            if count == capacity { grow() }
            (base.unsafelyUnwrapped + count).initialize(to: entry)
            count &+= 1
        }

        @usableFromInline mutating func grow() {
            let newCapacity = Swift.max(16, capacity * 2)
            let newBase = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
            if let base {
                newBase.moveInitialize(from: base, count: count)
                base.deallocate()
            }
            base = newBase
            capacity = newCapacity
        }
    }

    @usableFromInline
    final class Storage {
        @usableFromInline static var spareIndex: Int { 65 }
        @usableFromInline let buckets: UnsafeMutablePointer<Bucket>

        @usableFromInline init() {
            buckets = .allocate(capacity: 66)
            buckets.initialize(repeating: Bucket(), count: 66)
        }

        /// A deep copy of the live entries.
        @usableFromInline func copy() -> Storage {
            let copy = Storage()
            for index in 0...64 {
                guard let base = buckets[index].base else { continue }
                for offset in buckets[index].start..<buckets[index].count { copy.buckets[index].append(base[offset]) }
            }
            return copy
        }

        deinit {
            for index in 0..<66 {
                let bucket = buckets[index]
                guard let base = bucket.base else { continue }
                (base + bucket.start).deinitialize(count: bucket.count - bucket.start)
                base.deallocate()
            }
            buckets.deinitialize(count: 66)
            buckets.deallocate()
        }
    }
}
