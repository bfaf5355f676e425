import CPrefetch

/// Large window state in transparent huge pages. A table of 10^6 windows
/// is touched at random and, in a batch job, for the first time: with 4 KiB
/// pages every new page was a fault and every probe a likely TLB miss (perf,
/// `bench keys` at 10^6 keys: page faults were a third of the batch job).
/// The advice is given before the first write, on arrays of at least 2 MiB;
/// where the kernel runs THP as `never`, nothing changes. No result depends
/// on it.
extension Array {
    /// Arrays smaller than one huge page are left alone.
    static var hugeThreshold: Int { Swift.max(1, (2 << 20) / Swift.max(1, MemoryLayout<Element>.stride)) }

    /// `count` copies of `value`, advised for huge pages when large.
    static func advisingHugePages(repeating value: Element, count: Int) -> [Element] {
        guard count >= hugeThreshold else { return Array(repeating: value, count: count) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            streamlab_advise_huge_pages(buffer.baseAddress!, count * MemoryLayout<Element>.stride)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// Appends `element`; a full array of at least `hugeThreshold` elements
    /// first moves to storage of twice its capacity, advised for huge pages.
    @inline(__always)
    mutating func appendAdvisingHugePages(_ element: Element) {
        if count == capacity && count >= Self.hugeThreshold { growAdvisingHugePages(to: count * 2) }
        append(element)
    }

    /// Moves the elements to new storage for `newCapacity`, advised for huge pages.
    @inline(never)
    mutating func growAdvisingHugePages(to newCapacity: Int) {
        var grown: [Element] = []
        grown.reserveCapacity(newCapacity)
        let bytes = grown.capacity * MemoryLayout<Element>.stride
        grown.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { streamlab_advise_huge_pages(base, bytes) }
        }
        grown.append(contentsOf: self)
        self = grown
    }
}
