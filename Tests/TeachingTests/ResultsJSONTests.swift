import SimKernel
import Testing

/// Grader results are written with the same `JSONValue` that reads scenario
/// files, so what the grader writes must read back as the same value.
@Suite struct ResultsJSONTests {
    @Test func writtenResultsReadBackAsTheSameValue() throws {
        let value: JSONValue = .object([
            ("version", .integer(3)),
            ("score", .number(17.5)),
            ("output", .string("line 1\n\"quoted\" \\ tab\t\u{01}")),
            ("tags", .array([.string("lesson-02"), .bool(true), .null])),
            ("tests", .array([])),
            ("extra_data", .object([])),
        ])
        let text = value.rendered()
        #expect(try JSONValue.parse(text, file: "results.json") == value)
        #expect(text.contains("\"version\": 3,"))
        #expect(text.contains("\"score\": 17.5000,"))
        #expect(text.contains("\"output\": \"line 1\\n\\\"quoted\\\" \\\\ tab\\t\\u0001\","))
    }

    @Test func membersKeepTheirOrderAndWholeNumbersHaveNoFraction() {
        let value: JSONValue = .object([("z", .number(2)), ("a", .number(-0.25)), ("m", .integer(-7))])
        #expect(value.rendered() == "{\n  \"z\": 2,\n  \"a\": -0.2500,\n  \"m\": -7\n}\n")
    }

    @Test func numbersJSONCannotHoldAreWrittenAsNull() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).rendered() == "[\n  null,\n  null\n]\n")
    }
}
