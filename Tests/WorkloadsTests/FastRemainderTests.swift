import SimKernel
import Testing
@testable import Workloads

/// The generator computes an event's partition with a multiply-based
/// remainder; it must equal `%` for every key and partition count.
struct FastRemainderTests {
    @Test(arguments: [1, 2, 3, 4, 7, 12, 1_000, 65_537, 999_983, 1_000_000] as [UInt64])
    func fastRemainderEqualsTheRemainderOperator(divisor: UInt64) {
        let magic = SourceRuntime.fastRemainderMagic(divisor: divisor)
        let stream = RandomStream(root: divisor, component: "fast-remainder-test")
        var values: [UInt32] = [0, 1, UInt32(divisor - 1), UInt32(divisor), UInt32(divisor + 1), UInt32(Int32.max), .max]
        for _ in 0..<50_000 { values.append(UInt32(truncatingIfNeeded: stream.nextIndex(below: Int(UInt32.max)))) }
        for value in values {
            #expect(SourceRuntime.remainder(value, divisor: divisor, magic: magic) == UInt64(value) % divisor, "\(value) % \(divisor)")
        }
    }
}
