import Dataflow
import ArgumentParser
import Foundation
import SimKernel
import Workloads

/// The scenario every scenario-driven command starts from (`generate`,
/// `export`; `run`, `compare` and `crash` can adopt it with
/// `@OptionGroup var scenarioArgument: ScenarioArgument`). One help text,
/// one loader, so every command names and finds scenarios the same way.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "A scenario name (see 'streamlab scenarios') or a path to a scenario .json file.")
    var scenario: String

    /// The named or given scenario; a bad name or file is an `InputError`.
    func load() throws(InputError) -> Scenario { try ScenarioCatalog.load(scenario) }
}

/// Checks on option values shared by the commands, so that a bad value is
/// reported the same way everywhere: `error: <command line>: --events: must
/// be at least 1, got 0` (DESIGN.md: user errors name the file, the field and
/// the reason, and exit with code 2).
enum CommandLineInput {
    static let file = "<command line>"

    static func failure(_ field: String, _ reason: String) -> InputError {
        InputError(file: file, field: field, reason: reason)
    }

    /// A deliberately wrong rule for the mutation tests: `text`, else
    /// STREAMLAB_MUTATE, else none.
    static func mutation(_ text: String?) throws(InputError) -> RuleMutation? {
        guard let name = text ?? ProcessInfo.processInfo.environment["STREAMLAB_MUTATE"], !name.isEmpty else { return nil }
        guard let mutation = RuleMutation(rawValue: name) else {
            let known = RuleMutation.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("--mutate", "must be one of \(known), not \"\(name)\"")
        }
        return mutation
    }

    static func requireAtLeast<Value: BinaryInteger>(_ minimum: Value, _ value: Value, field: String) throws(InputError) {
        guard value >= minimum else { throw failure(field, "must be at least \(minimum), got \(value)") }
    }

    /// Comma-separated values, each converted; the error names the option and the bad item.
    static func list<Value>(_ text: String, field: String, _ convert: (String) -> Value?) throws(InputError) -> [Value] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Value] = []
        for item in items {
            guard let value = convert(item) else { throw failure(field, "bad item '\(item)' in '\(text)'") }
            values.append(value)
        }
        return values
    }
}
