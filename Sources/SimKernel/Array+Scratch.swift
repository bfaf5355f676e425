extension Array {
    /// Empties a per-record scratch array and keeps its buffer.
    ///
    /// `removeAll(keepingCapacity: true)` goes through the generic
    /// `replaceSubrange`, about 85 instructions even for one element, and
    /// the record paths clear their scratch once per record (callgrind,
    /// issue 14's crash run: two such calls were 4 % of its instructions).
    /// A record leaves one or two elements, and popping each costs a few.
    @inlinable @inline(__always)
    public mutating func removeAllKeepingCapacity() {
        guard count <= 4 else {
            removeAll(keepingCapacity: true)
            return
        }
        // Bounded: at most four passes.
        while !isEmpty { removeLast() }
    }
}
