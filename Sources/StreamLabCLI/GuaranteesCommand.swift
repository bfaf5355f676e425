import ArgumentParser
import Engines

/// `streamlab guarantees`: the engine catalog's delivery guarantees, the
/// table `compare` and `crash` enforce.
struct GuaranteesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guarantees",
        abstract: "List the delivery guarantees each preset's real system offers, with its configuration and source."
    )

    @Flag(help: "Also print the configuration and the source of every offered mode.")
    var sources = false

    func run() throws {
        print(GuaranteeTable.markdown(), terminator: "")
        if sources { print("\n" + GuaranteeTable.configurations(), terminator: "") }
    }
}
