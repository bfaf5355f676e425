import CGSL

/// One strip of GSL's ziggurat (randist/gausszig.c): the fast-path bound
/// on the 24-bit position (GSL's `ktab[i]`) and the width that turns a
/// position into x (GSL's `wtab[i]`), side by side so a draw loads one
/// 16-byte entry.
@usableFromInline
struct ZigguratStrip: Equatable, Sendable {
    /// A position j below this takes the fast path: GSL's `ktab[i]`, at most 2^24.
    @usableFromInline let fastLimit: UInt32
    /// x = j · width on the fast path: GSL's `wtab[i]`.
    @usableFromInline let width: Double

    @usableFromInline init(fastLimit: UInt32, width: Double) {
        self.fastLimit = fastLimit
        self.width = width
    }
}

/// GSL's ziggurat Gaussian with its fast path inline (`Taus2Handle.normal`).
///
/// Why: on the reference workload a normal draw cost ~83 instructions
/// (callgrind): 53 in `gsl_ran_gaussian_ziggurat` and ~30 in taus2's `get`,
/// reached by an indirect call through the PLT, while the ziggurat's fast
/// path is one generator step, a table look-up and two multiplications.
/// Inline, a fast draw is ~47 instructions (28 of them the taus2 step), and
/// the reference workload went from 733 to 700 instructions per event.
///
/// GSL's rule (randist/gausszig.c, GSL 2.x), for a generator whose range is
/// at least 2^32 − 1, as taus2's is: each try draws one output k; i = k & 0xFF,
/// j = (k >> 8) & 0xFFFFFF; the sign is + when i & 0x80 is set, else −;
/// i &= 0x7F; x = j · wtab[i]; when j < ktab[i] the draw ends with
/// `sign * sigma * x`, evaluated in C as `((double)sign * sigma) * x`.
/// Otherwise (2.8 % of draws: 1 − Σ ktab / (128 · 2^24); strip 0 always)
/// a wedge or tail test draws uniforms and may loop. The inline path does
/// exactly the first try; on anything else it puts taus2's three state
/// words back and lets GSL redo the whole draw from the same state, so
/// every result and every state left behind is GSL's by construction, not
/// by imitation of the slow path.
///
/// The tables are static in GSL and are not copied here: they are read back
/// out of GSL itself, once, by probing `gsl_ran_gaussian_ziggurat` (sigma 1)
/// with a scripted generator (`cgsl_ziggurat_probe` in CGSL/shim.h) that
/// returns a chosen first output and counts how many outputs the call took:
/// - ktab[i] is the smallest j for which the call takes more than one output
///   (a binary search over 0...2^24; fast-ness is monotone in j because the
///   test is `j < ktab[i]`). 2^24 means every position is fast.
/// - wtab[i] is the result for j = 1 with the sign bit set: `(1·1)·(1·wtab[i])`
///   is wtab[i] exactly. When j = 1 is not on the fast path (ktab[i] ≤ 1; in
///   GSL strip 0 has ktab 0), the probe's uniforms are 0, which makes the
///   wedge test accept the same x at once (two outputs taken), so the result
///   is still wtab[i]; such a width is never used on the fast path anyway.
/// Every strip is then checked against GSL at j = 2, at the last fast j and
/// at the first slow j, with both signs; a mismatch stops the program rather
/// than drawing different numbers. `ZigguratTests` compares millions of
/// draws and the state words after each against GSL's own call.
@usableFromInline
enum Ziggurat {
    /// The 128 strips, recovered from GSL on first use (thread-safe, as any
    /// static `let`) and never freed. `nonisolated(unsafe)` because an
    /// `UnsafePointer` is not `Sendable`; the memory is written once, before
    /// the pointer is published, and only read afterwards.
    @usableFromInline nonisolated(unsafe) static let strips: UnsafePointer<ZigguratStrip> = {
        let table = UnsafeMutablePointer<ZigguratStrip>.allocate(capacity: stripCount)
        table.initialize(from: recoverStrips(), count: stripCount)
        return UnsafePointer(table)
    }()

    static let stripCount = 128
    /// The number of 24-bit positions, 2^24.
    static let positionCount: UInt32 = 1 << 24

    /// GSL's `ktab` and `wtab`, probed out of `gsl_ran_gaussian_ziggurat`.
    static func recoverStrips() -> [ZigguratStrip] {
        (0..<stripCount).map { strip in
            let index = UInt32(strip)
            var low: UInt32 = 0
            var high = positionCount
            // Invariant: every j < low is fast; every j ≥ high (below 2^24) is slow.
            while low < high {
                let middle = low + (high - low) / 2
                if probe(strip: index, position: middle, positive: true).calls == 1 {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            let fastLimit = low
            let unit = probe(strip: index, position: 1, positive: true)
            // One output: the fast path. Two: the wedge test accepted x with
            // the scripted uniform (strip 127's tail would return R, not x).
            precondition(unit.calls == 1 || (unit.calls == 2 && strip < stripCount - 1),
                         "ziggurat probe: strip \(strip) position 1 took \(unit.calls) outputs")
            let recovered = ZigguratStrip(fastLimit: fastLimit, width: unit.x)
            verify(recovered, strip: index)
            return recovered
        }
    }

    /// Stops the program unless GSL agrees with `strip` at a few positions.
    static func verify(_ recovered: ZigguratStrip, strip index: UInt32) {
        var fastPositions: [UInt32] = [2]
        if recovered.fastLimit > 0 { fastPositions.append(recovered.fastLimit - 1) }
        for position in fastPositions {
            for positive in [true, false] {
                let gsl = probe(strip: index, position: position, positive: positive)
                let inline = (positive ? 1.0 : -1.0) * (Double(position) * recovered.width)
                let fast = position < recovered.fastLimit
                precondition(gsl.calls == 1 || !fast, "ziggurat probe: strip \(index) position \(position) was not fast")
                // A slow probe of strip < 127 returns the same x (see `recoverStrips`).
                precondition(gsl.x.bitPattern == inline.bitPattern || (!fast && index == 127),
                             "ziggurat probe: strip \(index) position \(position) gives \(gsl.x), not \(inline)")
            }
        }
        if recovered.fastLimit < positionCount {
            precondition(probe(strip: index, position: recovered.fastLimit, positive: true).calls > 1,
                         "ziggurat probe: strip \(index) position \(recovered.fastLimit) was fast")
        }
    }

    /// GSL's draw (sigma 1) when the generator's first output encodes
    /// `strip`, `position` and the sign, and how many outputs it took.
    static func probe(strip: UInt32, position: UInt32, positive: Bool) -> (x: Double, calls: UInt) {
        let output = UInt(position) << 8 | (positive ? 0x80 : 0) | UInt(strip)
        var calls: UInt = 0
        let x = cgsl_ziggurat_probe(output, &calls)
        return (x, calls)
    }

    /// The slow path: puts taus2's state words back as they were before the
    /// inline try and lets GSL redo the whole draw from there. Out of line,
    /// so the inline path stays small.
    @usableFromInline @inline(never)
    static func redraw(_ rng: UnsafeMutablePointer<gsl_rng>, _ state: UnsafeMutablePointer<UInt>,
                       saved: (UInt, UInt, UInt), sigma: Double) -> Double {
        state[0] = saved.0
        state[1] = saved.1
        state[2] = saved.2
        return gsl_ran_gaussian_ziggurat(rng, sigma)
    }
}
