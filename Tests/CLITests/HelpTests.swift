import Testing

@Suite struct HelpTests {
    @Test func versionFlagPrintsTheVersion() throws {
        let result = try StreamlabProcess.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test func unknownSubcommandExitsWithUsageError() throws {
        let result = try StreamlabProcess.run(["no-such-command"])
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("Unexpected argument 'no-such-command'"))
    }
}
