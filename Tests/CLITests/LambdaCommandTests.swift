import Foundation
import Testing

/// `streamlab lambda`: Lambda's batch, speed and serving layers against Kappa's replay.
@Suite struct LambdaCommandTests {
    @Test func driftedSpeedLayerIsServedWrongUntilTheNextBatchRunCoversItsHour() throws {
        let result = try StreamlabProcess.run(["lambda", "--speed-drift", "kind", "--hours", "2", "--batch-preset", "spark-batch"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
        lambda: scenario theworldshop-viral-night, seed 1, 2 h, 91615 events
        batch layer: spark-batch, a job every 1h over everything arrived so far
        speed layer: flink, drift kind (the speed layer also counts 'payment' events as 'order')
        query: 'order' events per event-time hour; served when the speed layer has read the input, at d1 00:30:00
        last batch view: input up to d1 00:00:00, ready at d1 00:00:02; covers hours ending by d1 00:00:00
        next batch view: input up to d1 01:00:00, ready at d1 01:00:02; covers hours ending by d1 01:00:00

        hour         oracle  served  error  layer  after next batch  error  layer
        d0 22:00:00  1882    1882    0      batch  1882              0      batch
        d0 23:00:00  13291   13291   0      batch  13291             0      batch
        d1 00:00:00  2087    4049    +1962  speed  2087              0      batch

        lambda: 1 of 3 hours served wrong now (1962 events off; the speed layer dropped 0 as late); 0 still wrong after the next batch run
        kappa: one flink job with the batch logic, replayed from offset 0 (91615 events) in 0.5 s of processing time: 3 of 3 hours equal the oracle

        """)
    }

    @Test func badInputIsOneLineAndExitCodeTwo() throws {
        let cases: [([String], String)] = [
            (["--speed-drift", "sideways"], "error: <command line>: --speed-drift: unknown drift 'sideways' (known: none, late-drop, kind, arrival-time)\n"),
            (["--batch-preset", "flink"], "error: <command line>: --batch-preset: 'flink' is not a batch preset (batch presets: spark-batch, hive, mapreduce)\n"),
            (["--speed-preset", "hive"], "error: <command line>: --speed-preset: 'hive' is a batch preset; the speed layer streams (try flink)\n"),
            (["--hours", "0"], "error: <command line>: --hours: must be between 1 and 48, got 0\n"),
            (["--batch-every", "soon"], "error: <command line>: --batch-every: must be a positive duration like 2h or 90m, got 'soon'\n"),
            (["reference", "--speed-drift", "kind"], "error: <command line>: --speed-drift: 'kind' needs a scenario with a second event kind; 'reference' has one\n"),
        ]
        for (arguments, message) in cases {
            let result = try StreamlabProcess.run(["lambda"] + arguments)
            #expect(result.exitCode == 2, "\(arguments)")
            #expect(result.standardError == message)
            #expect(result.standardOutput == "")
        }
    }
}
