import SimKernel

/// Draws keys for one source: uniform over the key space, or Zipf through
/// GSL's O(1) alias tables so that key 0 is the hottest.
final class KeyPicker {
    let count: Int
    let stream: RandomStream
    let zipf: CategoricalSampler?

    init(space: KeySpace, choice: KeyChoice, stream: RandomStream) {
        count = space.count
        self.stream = stream
        switch choice {
        case .uniform: zipf = nil
        case .zipf(let exponent): zipf = CategoricalSampler(zipfCount: space.count, exponent: exponent)
        }
    }

    @inline(__always) func next() -> Int32 {
        if let zipf { return Int32(truncatingIfNeeded: zipf.next(stream)) }
        return Self.uniformKey(count: count, draws: stream.handle)
    }

    /// A uniform key in 0..<count; no draw when there is one key.
    @inline(__always) static func uniformKey(count: Int, draws: RandomHandle) -> Int32 {
        count == 1 ? 0 : Int32(truncatingIfNeeded: draws.nextIndex(below: count))
    }
}

/// A key's fixed home attribute (a card's home city): a SplitMix64 hash of
/// the key, so it needs no table and no random draw.
@inline(__always) func homeAttribute(key: Int32, count: Int) -> Int32 {
    Int32(truncatingIfNeeded: SeedDerivation.splitMix64(UInt64(UInt32(bitPattern: key))) % UInt64(count))
}
