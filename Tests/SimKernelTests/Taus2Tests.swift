import CGSL
import Testing
@testable import SimKernel

/// The inline taus2 draws (`Taus2`, `Taus2Handle`, and `RandomDraws`'
/// `nextIndex`, `uniform` and `exponential` on a stream) must give GSL's numbers
/// bit for bit: a twin stream with the same seed is drawn through GSL's own calls,
/// and GSL samplers that step the state themselves (the ziggurat Gaussian)
/// are interleaved to show that both sides advance the same words.
@Suite struct Taus2Tests {
    static let drawCount = 50_000

    @Test(arguments: [UInt64(1), 42, 0xdead_beef_cafe])
    func inlineDrawsEqualGSLsCallsDrawForDraw(seed: UInt64) {
        let inline = RandomStream(seed: seed)
        let twin = RandomStream(seed: seed)
        let gsl = twin.raw
        let bounds: [Int] = [1, 2, 3, 10, 1000, 65_537, 1 << 31, (1 << 31) + 1, Int(UInt32.max)]
        var mismatches = 0
        for step in 0..<Self.drawCount {
            switch step % 7 {
            case 0: if UInt(inline.nextBits()) != gsl_rng_get(gsl) { mismatches += 1 }
            case 1: if inline.nextUnit() != gsl_rng_uniform(gsl) { mismatches += 1 }
            case 2:
                let bound = bounds[step / 7 % bounds.count]
                if UInt(inline.nextIndex(below: bound)) != gsl_rng_uniform_int(gsl, UInt(bound)) { mismatches += 1 }
            case 3:
                // Through the stream and through its raw handle alternately.
                let draw = step % 2 == 0 ? inline.uniform(lower: -3.5, upper: 100) : inline.taus2!.uniform(lower: -3.5, upper: 100)
                if draw != gsl_ran_flat(gsl, -3.5, 100) { mismatches += 1 }
            case 4:
                let draw = step % 2 == 0 ? inline.exponential(mean: 0.0001) : inline.taus2!.exponential(mean: 0.0001)
                if draw != gsl_ran_exponential(gsl, 0.0001) { mismatches += 1 }
            case 5: if inline.nextUnitPositive() != gsl_rng_uniform_pos(gsl) { mismatches += 1 }
            default:
                if inline.taus2!.normal(mean: 0, sigma: 2) != gsl_ran_gaussian_ziggurat(gsl, 2) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(inline.nextBits() == UInt32(gsl_rng_get(gsl)))
    }

    /// The reciprocal division equals the hardware one for every bound from
    /// 1 to 5,000, for bounds near powers of two, and for the extremes, on
    /// random and edge numerators.
    @Test func uniformIndexRuleDividesExactly() {
        let stream = RandomStream(seed: 5)
        var bounds = Array(1...5_000)
        for shift in 12...31 { bounds += [(1 << shift) - 1, 1 << shift, (1 << shift) + 1] }
        bounds += [Int(UInt32.max) - 1, Int(UInt32.max)]
        var mismatches = 0
        for bound in bounds {
            let rule = UniformIndexRule(bound: bound)
            let scale = UInt32.max / UInt32(bound)
            for bits in [0, 1, scale - 1, scale, scale &+ 1, UInt32.max - 1, UInt32.max] + (0..<40).map({ _ in stream.nextBits() }) {
                if rule.quotient(bits) != bits / scale { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func theInlineStepIsUsedOnlyForTaus2() {
        #expect(RandomStream(seed: 7).taus2 != nil)
        #expect(RandomStream(seed: 7, algorithm: .gfsr4).taus2 == nil)
        #expect(RandomStream(seed: 7, algorithm: .mt19937).taus2 == nil)
    }

    @Test(arguments: [RandomAlgorithm.gfsr4, .mt19937])
    func otherAlgorithmsDrawThroughGSL(algorithm: RandomAlgorithm) {
        let stream = RandomStream(seed: 9, algorithm: algorithm)
        let twin = RandomStream(seed: 9, algorithm: algorithm)
        for _ in 0..<1000 {
            #expect(stream.nextIndex(below: 1000) == Int(gsl_rng_uniform_int(twin.raw, 1000)))
            #expect(stream.nextUnit() == gsl_rng_uniform(twin.raw))
        }
    }
}
