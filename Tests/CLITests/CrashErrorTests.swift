import Testing

/// Bad input to `crash`: one line on stderr, exit code 2, nothing on stdout.
@Suite struct CrashErrorTests {
    func expectRejected(_ arguments: [String], message: String) throws {
        let result = try StreamlabProcess.run(["crash"] + arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardError == message + "\n")
        #expect(result.standardOutput == "")
    }

    @Test func badGuaranteeCrashPlanAndEngineAreOneLineErrors() throws {
        try expectRejected(["theworldshop-viral-night", "--guarantee", "exactly-twice"], message:
            "error: <command line>: --guarantee: unknown guarantee 'exactly-twice'; expected one of at-most-once, at-least-once, exactly-once, exactly-once-idempotent (or at_least_once, exactly_once_v2)")
        try expectRejected(["theworldshop-viral-night", "--crashes", "after:0"], message:
            "error: <command line>: --crashes: 'after:0' needs a whole number from 1 to 1000000000")
        try expectRejected(["theworldshop-viral-night", "--engine", "flonk"], message:
            "error: <command line>: --engine: unknown preset 'flonk' (did you mean 'flink'?); known: flink, kafka-streams, storm, samza, spark-structured-streaming, spark-dstream, spark-batch, hive, mapreduce")
    }

    /// A guarantee the real system does not have is refused, naming the ones it has.
    @Test func aGuaranteeTheRealSystemLacksIsRefusedWithTheModesItOffers() throws {
        try expectRejected(["theworldshop-viral-night", "--engine", "spark-structured-streaming", "--guarantee", "at-most-once"], message:
            "error: <command line>: --guarantee: spark-structured-streaming does not offer at-most-once; it offers exactly-once, at-least-once, exactly-once-idempotent")
        try expectRejected(["theworldshop-viral-night", "--engine", "kafka-streams", "--guarantee", "at-most-once"], message:
            "error: <command line>: --guarantee: kafka-streams does not offer at-most-once; it offers at-least-once, exactly-once")
        try expectRejected(["--swarm", "5", "--engine", "storm", "--guarantee", "exactly-once"], message:
            "error: <command line>: --guarantee: storm does not offer exactly-once; it offers at-least-once, at-most-once")
    }

    @Test func unknownSourceIsAOneLineError() throws {
        try expectRejected(["theworldshop-viral-night", "--source", "kafka"], message:
            "error: <command line>: --source: unknown source 'kafka'; expected one of log, queue")
    }

    @Test func aScenarioIsRequiredUnlessSwarming() throws {
        try expectRejected([], message: "error: <command line>: SCENARIO: give a scenario (or --swarm N)")
        try expectRejected(["--swarm", "0"], message: "error: <command line>: --swarm: must be at least 1, got 0")
    }
}
