import SimKernel
import Testing

/// The lab's one duration grammar: flags, crash plans, recovery delays and
/// scenario files all read durations through it.
@Suite struct DurationTextTests {
    @Test(arguments: [("250us", Int64(250)), ("250µs", 250), ("1.5ms", 1_500), ("1.5s", 1_500_000), ("90m", 5_400_000_000),
                      ("2h", 7_200_000_000), ("1d", 86_400_000_000), ("0s", 0), ("0.0000005s", 1), ("0.0000004s", 0)])
    func everyUnitAndDecimalsRoundedToTheNearestMicrosecond(text: String, micros: Int64) throws {
        #expect(try DurationText.parse(text).micros == micros)
    }

    @Test(arguments: [("ten minutes", "must be a duration such as 250ms, 30s, 90m or 1h, got 'ten minutes'"),
                      ("90", "must be a duration such as 250ms, 30s, 90m or 1h, got '90'"),
                      ("-5s", "must not be negative, got -5s"),
                      ("nans", "must be a duration such as 250ms, 30s, 90m or 1h, got 'nans'"),
                      ("99999999999d", "is too long: 99999999999d")])
    func anythingElseIsRejectedWithItsReason(text: String, reason: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
        do { _ = try DurationText.parse(text) } catch { #expect(error.reason == reason) }
    }

    @Test func formattingPrintsTheLargestExactUnit() {
        #expect(DurationText.format(.minutes(90)) == "90m")
        #expect(DurationText.format(.millis(1_500)) == "1500ms")
        #expect(DurationText.format(.minutes(24 * 60)) == "1d")
    }
}
