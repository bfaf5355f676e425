import ArgumentParser

/// The `streamlab` command. Each subcommand lives in its own file and holds no
/// logic that tests cannot reach: it parses options, calls a library module,
/// and prints.
public struct StreamLabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "streamlab",
        abstract: "A deterministic workbench for learning and benchmarking stream processing.",
        version: "0.1.0",
        subcommands: StreamLabCommand.allSubcommands
    )

    /// Every subcommand, in the order `--help` lists them.
    static let allSubcommands: [ParsableCommand.Type] = [
        ScenariosCommand.self,
        RunCommand.self,
        CompareCommand.self,
        CrashCommand.self,
        GuaranteesCommand.self,
        GenerateCommand.self,
        NotebookCommand.self,
        GradeCommand.self,
        ExercisesCommand.self,
        ExportCommand.self,
        ReplayCommand.self,
        CepCommand.self,
        CdcCommand.self,
        BenchCommand.self,
        SweepCommand.self,
        CalibrateCommand.self,
        LambdaCommand.self,
    ]

    public init() {}
}
