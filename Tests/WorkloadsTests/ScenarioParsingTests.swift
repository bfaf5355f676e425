import Testing
import SimKernel
@testable import Workloads

/// Scenario files are parsed strictly: every mistake is one line naming the
/// file, the dotted field and the reason.
@Suite struct ScenarioParsingTests {
    static func json(source: String) -> String {
        """
        { "name": "t", "description": "d", "default_events": 100, "key_space": { "count": 10 },
          "sources": { "events": \(source) } }
        """
    }

    static func failure(_ text: String, overrides: [String: String] = [:]) -> InputError? {
        let path = TestSupport.temporaryPath("scenario.json")
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioCatalog.load(path, overrides: overrides)
            return nil
        } catch {
            return error.in(file: (error.file == path ? "FILE" : error.file))
        }
    }

    @Test func misspelledFieldNamesItsPathAndSuggestsTheKnownName() {
        let error = Self.failure(Self.json(source: #"{ "kinds": { "e": 1 }, "arivals": { "process": "poisson", "rate_per_s": 1 } }"#))
        #expect(error?.description == "error: FILE: sources.events.arivals: unknown field; did you mean 'arrivals'?")
    }

    @Test func misspelledNestedFieldIsReportedWithTheFullPath() {
        let error = Self.failure(Self.json(source: #"{ "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_sec": 1 } }"#))
        #expect(error?.description == "error: FILE: sources.events.arrivals.rate_per_sec: unknown field; did you mean 'rate_per_s'?")
    }

    @Test func negativeRateIsRejected() {
        let error = Self.failure(Self.json(source: #"{ "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": -5 } }"#))
        #expect(error?.description == "error: FILE: sources.events.arrivals.rate_per_s: must not be negative, got -5")
    }

    @Test func probabilityAboveOneIsRejected() {
        let source = #"{ "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": 1 }, "retries": { "probability": 1.5 } }"#
        #expect(Self.failure(Self.json(source: source))?.description
            == "error: FILE: sources.events.retries.probability: must be a probability between 0 and 1, got 1.5")
    }

    @Test func badDistributionParameterNamesTheParameter() {
        let source = #"{ "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": 1 }, "delay_s": { "distribution": "lognormal", "median": 0.05, "sigma": -1 } }"#
        #expect(Self.failure(Self.json(source: source))?.description
            == "error: FILE: sources.events.delay_s.sigma: must be greater than 0, got -1.0")
    }

    @Test func unknownDistributionSuggestsTheClosest() {
        let source = #"{ "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": 1 }, "delay_s": { "distribution": "lognormall", "median": 1, "sigma": 1 } }"#
        #expect(Self.failure(Self.json(source: source))?.description
            == "error: FILE: sources.events.delay_s.distribution: unknown distribution 'lognormall'; did you mean 'lognormal'?")
    }

    @Test func invalidJSONNamesLineAndColumn() {
        #expect(Self.failure("{\n  \"name\": \"x\",\n}")?.description == "error: FILE: line 3 column 1: invalid JSON: expected a field name in quotes")
    }

    @Test func overrideChangesTheOnlySourceThroughTheShorthand() throws {
        let scenario = try TestSupport.scenario("reference", overrides: ["arrivals.rate_per_s": "20000", "keys.distribution": "zipf", "keys.exponent": "1.2"])
        #expect(scenario.sources[0].arrivals == .poisson(ratePerSecond: 20_000))
        #expect(scenario.sources[0].keys == .zipf(exponent: 1.2))
    }

    @Test func overrideIsValidatedLikeTheFileAndBlamedOnSet() {
        let path = TestSupport.scenariosDirectory + "/reference.json"
        #expect(throws: InputError(file: "--set", field: "arrivals.rate_per_s", reason: "must not be negative, got -1")) {
            _ = try ScenarioCatalog.load(path, overrides: ["arrivals.rate_per_s": "-1"])
        }
        #expect(throws: InputError(file: "--set", field: "arrivals.rate_per_sec", reason: "unknown field; did you mean 'rate_per_s'?")) {
            _ = try ScenarioCatalog.load(path, overrides: ["arrivals.rate_per_sec": "5"])
        }
        #expect(throws: InputError(file: "--set", field: "retries.probability", reason: "must be a probability between 0 and 1, got 2")) {
            _ = try ScenarioCatalog.load(path, overrides: ["retries.probability": "2"])
        }
    }

    @Test func shorthandOverrideIsAmbiguousWithSeveralSources() {
        let path = TestSupport.scenariosDirectory + "/theworldshop-viral-night.json"
        #expect(throws: InputError(
            file: "--set", field: "arrivals.rate_per_s",
            reason: "the scenario has several sources (carts, stock); write sources.<name>.arrivals.rate_per_s")) {
            _ = try ScenarioCatalog.load(path, overrides: ["arrivals.rate_per_s": "1"])
        }
    }

    @Test func fullPathOverrideReachesOneOfSeveralSources() throws {
        let path = TestSupport.scenariosDirectory + "/theworldshop-viral-night.json"
        let scenario = try ScenarioCatalog.load(path, overrides: ["sources.stock.arrivals.rate_per_s": "0.5"])
        #expect(scenario.sources[1].arrivals == .poisson(ratePerSecond: 0.5))
    }

    @Test func everyBuiltInScenarioLoads() throws {
        for name in try FileManagerNames.builtIn() {
            let scenario = try TestSupport.scenario(name)
            #expect(scenario.name == name)
            #expect(!scenario.description.isEmpty && !scenario.description.contains("\n"))
        }
    }

    @Test func durationTextAcceptsTheUsualUnits() throws {
        #expect(try DurationText.parse("90m") == .minutes(90))
        #expect(try DurationText.parse("30s") == .seconds(30))
        #expect(try DurationText.parse("1h") == .minutes(60))
        #expect(try DurationText.parse("250ms") == .millis(250))
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse("ten minutes") }
        #expect(DurationText.format(.minutes(90)) == "90m")
    }
}
