import Foundation
import SimKernel
import Testing

/// `Duration.micros(roundingSeconds:)` is the one documented rounding; its
/// fast path must equal libm's round-half-away-from-zero everywhere.
struct RoundingTests {
    @Test func fastRoundingEqualsRoundHalfAwayFromZero() {
        let stream = RandomStream(root: 7, component: "rounding-test")
        var samples: [Double] = [0, -0.0, 0.5e-6, -0.5e-6, 1.5e-6, -2.5e-6, 0.4999999999999999e-6, 4_503_599_627.370496, -9e9, 1e-300]
        // Halves and near-halves where the exponent changes: 2^51 + ½ and
        // 2^52 − ½ µs (the last doubles with a fraction), and ½ − 1 ulp µs.
        for micros in [0x1p51 + 0.5, 0x1p52 - 0.5, 0x1p52 - 1, 0.5.nextDown, 1.5.nextDown, 2.5.nextUp] {
            samples += [micros / 1_000_000, -micros / 1_000_000]
        }
        for _ in 0..<200_000 {
            let magnitude = pow(10, stream.nextUnit() * 16 - 8)
            let halfway = (Double(stream.nextIndex(below: 1_000_000)) + 0.5) / 1_000_000
            samples.append(stream.nextUnit() < 0.5 ? magnitude : -magnitude)
            samples.append(stream.nextUnit() < 0.5 ? halfway : -halfway)
        }
        for seconds in samples {
            let expected = Int64((seconds * 1_000_000).rounded(.toNearestOrAwayFromZero))
            #expect(Duration.micros(roundingSeconds: seconds).micros == expected, "\(seconds)")
        }
    }

    @Test func roundingSaturatesAtTwoToTheSixtySecond() {
        #expect(Duration.micros(roundingSeconds: 1e300).micros == 1 << 62)
        #expect(Duration.micros(roundingSeconds: -1e300).micros == -(1 << 62))
        #expect(Duration.micros(roundingSeconds: .infinity).micros == 1 << 62)
        #expect(Duration.micros(roundingSeconds: .nan).micros == 1 << 62)
    }
}
