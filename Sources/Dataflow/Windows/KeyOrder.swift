/// Sorting window entries into the order every output of the window operator
/// uses: by key, then by window start (then by timer kind).
///
/// Entries are packed into one `UInt64` each: the key, biased so that signed
/// order becomes unsigned order, in the high 32 bits, and the entry's index
/// in the caller's list in the low 32. A stable LSD radix sort on the key's
/// 11-bit digits orders them (one read for the histograms, then one pass per
/// digit in which the keys differ, so 10^6 keys take two passes); the short runs of
/// equal keys are then ordered by the caller's rule. With 10^5 windows
/// falling due at once a comparison sort of the windows showed up in the
/// profile; this is a few linear passes.
enum KeyOrder {
    @inline(__always)
    static func pack(key: Int32, index: Int) -> UInt64 {
        precondition(index >= 0 && index <= Int(UInt32.max), "an entry index fits in 32 bits")
        return UInt64(UInt32(bitPattern: key) ^ 0x8000_0000) << 32 | UInt64(index)
    }

    @inline(__always)
    static func index(_ packed: UInt64) -> Int { Int(truncatingIfNeeded: packed & 0xFFFF_FFFF) }

    /// `packed` with its key kept and its index replaced by `index`.
    @inline(__always)
    static func withIndex(_ packed: UInt64, _ index: Int) -> UInt64 {
        precondition(index >= 0 && index <= Int(UInt32.max), "an entry index fits in 32 bits")
        return packed & 0xFFFF_FFFF_0000_0000 | UInt64(index)
    }

    @inline(__always)
    static func sameKey(_ lhs: UInt64, _ rhs: UInt64) -> Bool { lhs >> 32 == rhs >> 32 }

    /// Sorts `packed` by key, stably (equal keys keep their order).
    /// `scratch` is working space, reused between calls.
    ///
    /// The three digit histograms are counted in one read of the entries,
    /// and a digit in which every key agrees is skipped: 10^6 keys take one
    /// read and two scatters (with bytes, three; with a histogram per pass,
    /// one more read each).
    static func sortByKey(_ packed: inout [UInt64], scratch: inout [UInt64]) {
        let count = packed.count
        guard count > 1 else { return }
        if scratch.count < count { scratch = Array(repeating: 0, count: count) }
        let radix = 1 << digitBits
        var offsets = [Int](repeating: 0, count: digitCount * radix)
        packed.withUnsafeBufferPointer { entries in
            offsets.withUnsafeMutableBufferPointer { counts in
                for value in entries {
                    counts[Int(truncatingIfNeeded: (value >> 32) & digitMask)] += 1
                    counts[radix + Int(truncatingIfNeeded: (value >> (32 + digitBits)) & digitMask)] += 1
                    counts[2 * radix + Int(truncatingIfNeeded: value >> (32 + 2 * digitBits))] += 1
                }
            }
        }
        var inPacked = true
        // Bounded: three digit passes over the key.
        for digit in 0..<digitCount {
            let shift = UInt64(32 + digitBits * digit)
            let moved = packed.withUnsafeMutableBufferPointer { packedBuffer in
                scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                    offsets.withUnsafeMutableBufferPointer { counts in
                        let digitCounts = UnsafeMutableBufferPointer(rebasing: counts[(digit * radix)..<(digit * radix + radix)])
                        return inPacked
                            ? Self.pass(from: UnsafeBufferPointer(packedBuffer), to: scratchBuffer, count: count, shift: shift, counts: digitCounts)
                            : Self.pass(from: UnsafeBufferPointer(scratchBuffer), to: packedBuffer, count: count, shift: shift, counts: digitCounts)
                    }
                }
            }
            if moved { inPacked.toggle() }
        }
        if !inPacked {
            packed.withUnsafeMutableBufferPointer { packedBuffer in
                scratch.withUnsafeBufferPointer { scratchBuffer in
                    _ = packedBuffer.update(fromContentsOf: scratchBuffer[0..<count])
                }
            }
        }
    }

    /// The key is sorted in three digits of 11 bits (the last has 10): keys
    /// below 2^22, such as 10^6 distinct ones, take two scatters, where bytes
    /// took three.
    static var digitBits: Int { 11 }
    static var digitCount: Int { 3 }
    static var digitMask: UInt64 { (1 << 11) - 1 }

    /// One counting pass on the digit at `shift`, given that digit's
    /// counts (turned into offsets here); false (and nothing moved) when
    /// every entry has the same digit there.
    private static func pass(
        from source: UnsafeBufferPointer<UInt64>, to target: UnsafeMutableBufferPointer<UInt64>, count: Int, shift: UInt64,
        counts offsets: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        if offsets[Int(truncatingIfNeeded: (source[0] >> shift) & digitMask)] == count { return false }
        var total = 0
        for digit in 0..<offsets.count {
            let digitCount = offsets[digit]
            offsets[digit] = total
            total += digitCount
        }
        for index in 0..<count {
            let value = source[index]
            let digit = Int(truncatingIfNeeded: (value >> shift) & digitMask)
            target[offsets[digit]] = value
            offsets[digit] += 1
        }
        return true
    }

    /// After `sortByKey`: orders each run of equal keys by `areInIncreasingOrder`
    /// on the entries' indices. Runs are short (the windows of one key), so
    /// insertion sort, except for a long run.
    static func sortRunsOfEqualKeys(_ packed: inout [UInt64], by areInIncreasingOrder: (Int, Int) -> Bool) {
        var runStart = 0
        // Bounded: each pass of the outer loop moves past one run.
        while runStart < packed.count {
            var runEnd = runStart + 1
            while runEnd < packed.count && sameKey(packed[runEnd], packed[runStart]) { runEnd += 1 }
            if runEnd - runStart > 32 {
                packed[runStart..<runEnd].sort { areInIncreasingOrder(index($0), index($1)) }
            } else if runEnd - runStart > 1 {
                for position in (runStart + 1)..<runEnd {
                    let value = packed[position]
                    var hole = position
                    while hole > runStart && areInIncreasingOrder(index(value), index(packed[hole - 1])) {
                        packed[hole] = packed[hole - 1]
                        hole -= 1
                    }
                    packed[hole] = value
                }
            }
            runStart = runEnd
        }
    }
}
