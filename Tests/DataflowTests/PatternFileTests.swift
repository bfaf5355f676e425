import Testing
import SimKernel
@testable import Dataflow

@Suite struct PatternFileTests {
    func error(_ text: String) -> String? {
        do {
            _ = try PatternFile.parse(text, file: "p.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aFullPatternFileParses() throws {
        let file = try PatternFile.parse("""
            {"description": "three failures, then a success",
             "pattern": [{"name": "failure", "where": {"kind": "failure"}, "times": 3, "consecutive": true},
                         {"name": "success", "contiguity": "next", "where": {"kind": "success", "value_above": 0}}],
             "within_ms": 60000, "watermark_delay_ms": 1000}
            """, file: "p.json")
        #expect(file.watermarkDelayMillis == 1_000)
        #expect(file.pattern.window == .millis(60_000))
        #expect(file.pattern.slots.map(\.contiguity) == [.relaxed, .strict, .strict, .strict])
        #expect(file.pattern.summary
            == #"begin("failure").where(kind == "failure").times(3).consecutive().next("success").where(kind == "success" && value > 0).within(60000 ms)"#)
    }

    @Test func badFieldsAreNamedInOneLine() {
        #expect(error(#"{"pattern": []}"#) == "error: p.json: pattern: must be an array of 1 to 100 stages")
        #expect(error(#"{"patern": [{"name": "a"}]}"#)
            == "error: p.json: patern: unknown field; did you mean 'pattern'?")
        #expect(error(#"{"pattern": [{"name": "a"}, {"name": "b"}]}"#)
            == #"error: p.json: pattern[1].contiguity: is required: "next" or "followed_by""#)
        #expect(error(#"{"pattern": [{"name": "a"}, {"name": "b", "contiguity": "followedBy"}]}"#)
            == #"error: p.json: pattern[1].contiguity: must be "next" or "followed_by", not "followedBy""#)
        #expect(error(#"{"pattern": [{"name": "a"}, {"name": "a", "contiguity": "next"}]}"#)
            == #"error: p.json: pattern[1].name: "a" is used by an earlier stage"#)
        #expect(error(#"{"pattern": [{"name": "a", "times": 0}]}"#) == "error: p.json: pattern[0].times: must be a whole number from 1 to 1000, got 0")
        #expect(error(#"{"pattern": [{"name": "a", "consecutive": true}]}"#) == "error: p.json: pattern[0].consecutive: needs times of at least 2")
        #expect(error(#"{"pattern": [{"name": "a", "where": {"value_under": 3}}]}"#)
            == "error: p.json: pattern[0].where.value_under: unknown field")
        #expect(error(#"{"pattern": [{"name": "a"}], "within_ms": 0}"#) == "error: p.json: within_ms: must be a whole number from 1 to 1000000000000, got 0")
        #expect(error(#"{"pattern": [{"name": "a", "where": {"kind": 3}}]}"#) == "error: p.json: pattern[0].where.kind: must be a string, got a number")
    }
}
