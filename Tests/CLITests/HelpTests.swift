import Testing

@Suite struct HelpTests {
    @Test func versionFlagPrintsTheVersion() throws {
        let result = try StreamlabProcess.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test func unknownSubcommandIsAOneLineErrorWithExitCodeTwo() throws {
        let result = try StreamlabProcess.run(["no-such-command"])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: Unexpected argument 'no-such-command'\n")
        #expect(result.standardOutput == "")
    }

    @Test func aMissingOrNegativeOptionValueIsAOneLineErrorWithExitCodeTwo() throws {
        let missing = try StreamlabProcess.run(["generate", "reference", "--seed"])
        #expect(missing.exitCode == 2)
        #expect(missing.standardError == "error: <command line>: Missing value for '--seed <seed>'\n")
        let negative = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", "record", "--job", "interval-join", "--upper-bound-seconds", "-5"])
        #expect(negative.exitCode == 2)
        #expect(negative.standardError.hasPrefix("error: <command line>: "))
        #expect(!negative.standardError.dropLast().contains("\n"))
    }

    @Test func helpStillPrintsTheUsageAndSucceeds() throws {
        let result = try StreamlabProcess.run(["run", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("USAGE: streamlab run"))
    }
}
