import CGSL
import Testing
@testable import SimKernel

/// `Taus2Handle.normal` runs GSL's ziggurat fast path inline with tables
/// probed out of GSL (`Ziggurat`); it must give `gsl_ran_gaussian_ziggurat`'s
/// numbers bit for bit and leave the generator in the same state, on the
/// fast path and on the slow path (where it hands the draw back to GSL).
@Suite struct ZigguratTests {
    static let drawCount = 2_000_000

    struct Case: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let mean: Double
        let sigma: Double
        var testDescription: String { "seed \(seed), N(\(mean), \(sigma))" }
    }

    /// Two streams with one seed, one drawn through the handle and one
    /// through GSL's call, draw after draw: every result has the same bit
    /// pattern and the three state words agree after every draw. A draw
    /// went to the slow path when GSL's call took more than one output
    /// (its state is not one taus2 step on from where it started).
    @Test(arguments: [
        Case(seed: 1, mean: 0, sigma: 1),
        Case(seed: 42, mean: 0, sigma: 0.5),
        Case(seed: 0xdead_beef_cafe, mean: -3.25, sigma: 1),
        Case(seed: 2_026, mean: -1e6, sigma: 0.5),
        Case(seed: 7, mean: 12.5, sigma: 3e-4),
    ])
    func inlineDrawsEqualGSLsDrawForDraw(_ testCase: Case) {
        let inline = RandomStream(seed: testCase.seed)
        let twin = RandomStream(seed: testCase.seed)
        let handle = inline.taus2!
        let gslState = twin.rng.pointee.state.assumingMemoryBound(to: UInt.self)
        var resultMismatches = 0
        var stateMismatches = 0
        var slowDraws = 0
        var oneStep = [UInt](repeating: 0, count: 3)
        for draw in 0..<Self.drawCount {
            oneStep.withUnsafeMutableBufferPointer { words in
                for word in 0..<3 { words[word] = gslState[word] }
                _ = Taus2.next(words.baseAddress!)
            }
            let mine = handle.normal(mean: testCase.mean, sigma: testCase.sigma)
            let gsls = testCase.mean + gsl_ran_gaussian_ziggurat(twin.raw, testCase.sigma)
            if mine.bitPattern != gsls.bitPattern { resultMismatches += 1 }
            if (0..<3).contains(where: { handle.state[$0] != gslState[$0] }) { stateMismatches += 1 }
            if (0..<3).contains(where: { oneStep[$0] != gslState[$0] }) { slowDraws += 1 }
            // Now and then a uniform draw in between, from either side of the pair.
            if draw % 101 == 0 {
                #expect(inline.nextBits() == UInt32(gsl_rng_get(twin.raw)))
            }
        }
        #expect(resultMismatches == 0)
        #expect(stateMismatches == 0)
        // The slow path takes 2.8 % of draws (1 − Σ ktab / (128 · 2^24)).
        #expect(slowDraws > Self.drawCount / 200)
        #expect(slowDraws < Self.drawCount / 20)
    }

    /// What holds for GSL's tables: 128 strips; widths positive and strictly
    /// increasing from the narrow top strip to the base strip (127), whose
    /// fast positions reach past the tail's start R = 3.44262; bounds within
    /// 2^24; and GSL agrees at each strip's boundary (last fast position,
    /// first slow one).
    @Test func recoveredTablesAreSane() {
        let strips = Array(UnsafeBufferPointer(start: Ziggurat.strips, count: Ziggurat.stripCount))
        #expect(strips.count == 128)
        #expect(strips == Ziggurat.recoverStrips())
        #expect(strips.allSatisfy { $0.width > 0 && $0.fastLimit <= 1 << 24 })
        #expect(zip(strips, strips.dropFirst()).allSatisfy { $0.width < $1.width })
        #expect(strips[127].width * 0x1p24 > 3.44262)
        // The fast path covers most positions in every strip but the top one.
        #expect(strips.dropFirst().allSatisfy { $0.fastLimit > 1 << 23 })
        for (index, strip) in strips.enumerated() where strip.fastLimit > 0 {
            let last = Ziggurat.probe(strip: UInt32(index), position: strip.fastLimit - 1, positive: false)
            #expect(last.calls == 1)
            #expect(last.x.bitPattern == (-1.0 * (Double(strip.fastLimit - 1) * strip.width)).bitPattern)
            if strip.fastLimit < 1 << 24 {
                #expect(Ziggurat.probe(strip: UInt32(index), position: strip.fastLimit, positive: false).calls > 1)
            }
        }
    }

    /// The comparison is not vacuous: with one width one ulp too wide, a
    /// handle's draws part from GSL's; with an exact copy of the tables in
    /// other memory they do not.
    @Test func aWrongWidthIsCaught() {
        func mismatches(_ strips: [ZigguratStrip]) -> Int {
            strips.withUnsafeBufferPointer { table in
                let inline = RandomStream(seed: 99)
                let twin = RandomStream(seed: 99)
                let handle = Taus2Handle(rng: inline.rng, strips: table.baseAddress!)
                var count = 0
                for _ in 0..<100_000 where handle.normal(mean: 1, sigma: 2).bitPattern
                    != (1 + gsl_ran_gaussian_ziggurat(twin.raw, 2)).bitPattern {
                    count += 1
                }
                return count
            }
        }
        let exact = Array(UnsafeBufferPointer(start: Ziggurat.strips, count: Ziggurat.stripCount))
        var perturbed = exact
        perturbed[64] = ZigguratStrip(fastLimit: exact[64].fastLimit, width: exact[64].width.nextUp)
        #expect(mismatches(exact) == 0)
        #expect(mismatches(perturbed) > 100)
    }
}
