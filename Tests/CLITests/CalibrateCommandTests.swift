import Foundation
import Testing

/// `streamlab calibrate`: bad input is one line and exit code 2.
@Suite struct CalibrateCommandTests {
    @Test func withoutCheckItSaysWhatIsMissing() throws {
        let result = try StreamlabProcess.run(["calibrate"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: <command line>: --check: is required: it runs the lab against the measurements\n")
    }

    @Test func aMalformedMeasurementFileNamesTheFileAndField() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        try #"{"format":1,"versions":{"spark":"4.3.0"}}"#.write(
            to: directory.appendingPathComponent("m.json"), atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(["calibrate", "--check", "--data", "m.json"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: m.json: versions.flink: is required\n")
    }

    @Test func aMissingMeasurementFileIsNamed() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let result = try StreamlabProcess.run(["calibrate", "--check", "--data", "none.json"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: none.json: (file): cannot be read\n")
    }
}
