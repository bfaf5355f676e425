import ArgumentParser

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the scenarios with a one-line description each."
    )

    func run() throws {
        print("(scenario catalogue not built yet)")
    }
}
