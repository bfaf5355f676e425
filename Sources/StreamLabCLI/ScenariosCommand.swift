import ArgumentParser
import SimKernel
import Workloads

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the scenarios with a one-line description each."
    )

    func run() throws {
        try withInputErrorsReported {
            print(try ScenarioListing.text(), terminator: "")
        }
    }
}

/// The text of `streamlab scenarios`: one line per built-in scenario, names
/// padded to one column, in name order.
enum ScenarioListing {
    static func text() throws(InputError) -> String {
        let names = ScenarioCatalog.builtInNames()
        guard !names.isEmpty else {
            throw InputError(file: "Datasets/scenarios", field: "(directory)", reason: "no scenario files found; set STREAMLAB_DATASETS")
        }
        var rows: [(String, String)] = []
        for name in names { rows.append((name, try ScenarioCatalog.load(name).description)) }
        let width = rows.map(\.0.count).max()!
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 + "\n" }.joined()
    }
}
