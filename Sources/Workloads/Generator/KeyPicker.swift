import SimKernel

/// Draws keys for one source: uniform over the key space, or Zipf through
/// GSL's O(1) alias tables so that key 0 is the hottest.
final class KeyPicker {
    let count: Int
    let stream: RandomStream
    let zipf: CategoricalSampler?
    let uniformRule: UniformIndexRule

    init(space: KeySpace, choice: KeyChoice, stream: RandomStream) {
        count = space.count
        self.stream = stream
        uniformRule = UniformIndexRule(bound: space.count)
        switch choice {
        case .uniform: zipf = nil
        case .zipf(let exponent): zipf = CategoricalSampler(zipfCount: space.count, exponent: exponent)
        }
    }

    @inline(__always) func next() -> Int32 {
        if let zipf { return Int32(truncatingIfNeeded: zipf.next(stream)) }
        return Self.uniformKey(rule: uniformRule, draws: stream)
    }

    /// A uniform key in 0..<rule.bound; no draw when there is one key.
    @inline(__always) static func uniformKey<Draws: RandomDraws>(rule: UniformIndexRule, draws: Draws) -> Int32 {
        rule.bound == 1 ? 0 : Int32(truncatingIfNeeded: draws.nextIndex(rule))
    }
}

/// A key's fixed home attribute (a card's home city): a SplitMix64 hash of
/// the key, so it needs no table and no random draw.
@inline(__always) func homeAttribute(key: Int32, count: Int) -> Int32 {
    Int32(truncatingIfNeeded: SeedDerivation.splitMix64(UInt64(UInt32(bitPattern: key))) % UInt64(count))
}
