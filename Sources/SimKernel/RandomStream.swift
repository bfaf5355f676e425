import CGSL

/// The GSL generator algorithms StreamLab can use. The default is chosen by
/// measurement (Benchmarks/README.md, "RNG algorithms"; `KernelBenchmarks`
/// "rng uniform …"): uniform draws cost taus2 13.5 ns, gfsr4 14.0 ns and
/// mt19937 24.4 ns on the 2-core reference VM, so taus2 and gfsr4 are ~1.8×
/// faster; taus2 has the smaller state (3 words), so copying or reseeding a
/// stream is cheapest.
public enum RandomAlgorithm: String, Sendable, CaseIterable {
    case taus2, gfsr4, mt19937

    @usableFromInline
    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .taus2: return cgsl_rng_taus2()
        case .gfsr4: return cgsl_rng_gfsr4()
        case .mt19937: return cgsl_rng_mt19937()
        }
    }

    public static let `default`: RandomAlgorithm = .taus2
}

/// One seeded stream of random numbers, owning its `gsl_rng`.
///
/// Every component of a simulation (each generator, each engine, each fault
/// injector) takes its own stream, derived from the root seed and the
/// component's stable name by `SeedDerivation`, so adding a component does not
/// shift the numbers any other component draws (../shared/DESIGN.md, "Time and
/// determinism"). A stream is not thread-safe; give each thread its own.
public final class RandomStream: RandomDraws {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// For taus2 (the default), the same generator as two raw pointers, for
    /// hot paths (see `Taus2Handle`); nil for the other algorithms.
    public let taus2: Taus2Handle?
    public let algorithm: RandomAlgorithm
    public let seed: UInt64

    private static let errorHandlerOff: Void = { cgsl_disable_abort_on_error() }()

    /// A stream seeded directly. Prefer `RandomStream(root:component:)`.
    public init(seed: UInt64, algorithm: RandomAlgorithm = .default) {
        _ = RandomStream.errorHandlerOff
        guard let rng = gsl_rng_alloc(algorithm.gslType) else {
            preconditionFailure("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        self.algorithm = algorithm
        self.seed = seed
        // taus2 and gfsr4 seed from the low 32 bits only; fold the high half
        // in so that every bit of the derived seed matters.
        gsl_rng_set(rng, UInt(truncatingIfNeeded: SeedDerivation.fold32(seed)))
        taus2 = algorithm == .taus2 ? Taus2Handle(rng: rng) : nil
    }

    /// The stream of the named component under a root seed.
    public convenience init(root: UInt64, component: String, algorithm: RandomAlgorithm = .default) {
        self.init(seed: SeedDerivation.derive(root: root, component: component), algorithm: algorithm)
    }

    deinit { gsl_rng_free(rng) }

    /// The generator's next raw 32-bit output: inline for taus2, else `gsl_rng_get`.
    @inlinable @inline(__always) public func nextBits() -> UInt32 {
        if let taus2 { return taus2.nextBits() }
        return UInt32(truncatingIfNeeded: gsl_rng_get(rng))
    }

    /// A double uniformly distributed in [0, 1): inline for taus2, else `gsl_rng_uniform`.
    @inlinable @inline(__always) public func nextUnit() -> Double {
        if let taus2 { return taus2.nextUnit() }
        return gsl_rng_uniform(rng)
    }

    /// A double uniformly distributed in (0, 1): never exactly zero
    /// (`gsl_rng_uniform_pos`: redraw on zero).
    @inlinable public func nextUnitPositive() -> Double {
        guard taus2 != nil else { return gsl_rng_uniform_pos(rng) }
        // Bounded in practice, as in GSL: a draw is zero once in 2^32.
        var unit = nextUnit()
        while unit == 0 { unit = nextUnit() }
        return unit
    }

    /// The raw pointer, for samplers in this module.
    @inlinable var raw: UnsafeMutablePointer<gsl_rng> { rng }
}

/// Derives independent seeds from one root seed and a component's stable name.
///
/// The name is hashed with FNV-1a (stable across processes, unlike Swift's
/// per-process seeded `Hasher`), then mixed with the root by SplitMix64's
/// finaliser, which has full avalanche: nearby roots and names give unrelated
/// seeds.
public enum SeedDerivation {
    public static func derive(root: UInt64, component: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in component.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return splitMix64(root ^ splitMix64(hash))
    }

    public static func splitMix64(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// 64 bits folded into a non-zero 32-bit GSL seed.
    public static func fold32(_ seed: UInt64) -> UInt32 {
        let folded = UInt32(truncatingIfNeeded: seed) ^ UInt32(truncatingIfNeeded: seed >> 32)
        return folded == 0 ? 0x6a09_e667 : folded
    }
}
