import Foundation
import Testing

@Suite struct GradeCommandTests {
    @Test func gradingTheSampleSubmissionReproducesBothSampleResultsFiles() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let root = ExerciseFixtures.repositoryRoot
        for (format, sample) in [("gradescope", "gradescope-results.json"), ("exercism", "exercism-results.json")] {
            let out = directory.appendingPathComponent(sample).path
            let result = try StreamlabProcess.run(
                ["grade", "--submission", "Exercises/samples/submission", "--format", format, "--out", out, "--no-execution-time"], in: root)
            #expect(result.exitCode == 0)
            #expect(result.standardOutput == "01 classify-operations: 12/12 checks passed\n02 window-assigner: 8/10 checks passed\nwrote \(out) (\(format))\n")
            let written = try String(contentsOfFile: out, encoding: .utf8)
            let committed = try String(contentsOf: root.appendingPathComponent("Exercises/samples/\(sample)"), encoding: .utf8)
            #expect(written == committed)
        }
    }

    @Test func submissionThatDoesNotCompileIsAnExercismErrorNotAGraderFailure() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        try "func assignWindows(".write(to: directory.appendingPathComponent("WindowAssigner.swift"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("results.json").path
        let result = try StreamlabProcess.run(
            ["grade", "--submission", directory.path, "--format", "exercism", "--out", out, "--exercises-dir", ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises").path])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "02 window-assigner: error (did not compile)\nwrote \(out) (exercism)\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(json["status"] as? String == "error")
        #expect((json["message"] as? String)?.hasPrefix("did not compile:\nWindowAssigner.swift:1:") == true)
    }

    @Test func emptySubmissionIsAnInputError() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let result = try StreamlabProcess.run(
            ["grade", "--submission", directory.path, "--format", "gradescope", "--out", directory.appendingPathComponent("r.json").path,
             "--exercises-dir", ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises").path])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: \(directory.path): --submission: holds no exercise's student file\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.json").path))
    }
}
