import ArgumentParser

extension StreamLabCommand {
    /// The process entry point: swift-argument-parser's `main()`, except that
    /// a command line it cannot parse (a missing value, an unknown option or
    /// subcommand, a failed `validate()`) is bad input like any other and gets
    /// the lab's one line on standard error and exit code 2, instead of a
    /// usage screen and exit code 64. `--help` and `--version` print as usual;
    /// errors from running a command are reported by the command itself
    /// (`withInputErrorsReported`).
    public static func mainReportingBadInput(_ arguments: [String]? = nil) -> Never {
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }
            let reason = message(for: error).split(separator: "\n").first.map(String.init) ?? "cannot parse the command line"
            ErrorReporting.printError("error: <command line>: \(reason)")
            exit(withError: ExitCode(2))
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
        exit()
    }
}
