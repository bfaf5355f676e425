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
            let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 5 && lines[2].hasPrefix("isolation: "), "\(result.standardOutput)")
            #expect(lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n")
                == "01 classify-operations: 21/21 checks passed\n02 window-assigner: 9/11 checks passed\nwrote \(out) (\(format))\n")
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
        #expect(result.standardOutput.hasPrefix("02 window-assigner: error (did not compile)\nisolation: "))
        #expect(result.standardOutput.hasSuffix("\nwrote \(out) (exercism)\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(json["status"] as? String == "error")
        #expect((json["message"] as? String)?.hasPrefix("did not compile:\nWindowAssigner.swift:1:") == true)
    }

    /// Every exercise's reference, laid out as a student folder.
    static func fullSubmission() throws -> URL {
        let directory = try StreamlabProcess.temporaryDirectory()
        let exercises = ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises")
        for name in try FileManager.default.contentsOfDirectory(atPath: exercises.path).sorted() where name.first?.isNumber == true {
            let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: exercises.appendingPathComponent(name + "/exercise.json"))) as! [String: Any]
            let file = metadata["studentFile"] as! String
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: exercises.appendingPathComponent(name + "/reference/" + file), to: folder.appendingPathComponent(file))
        }
        return directory
    }

    /// A grader that crashes on one exercise costs that exercise only: both
    /// formats are still written and valid, with every exercise in them, the
    /// crashed one as `error` checks that say the grader failed, and exit 3.
    @Test(arguments: [("gradescope", "10"), ("exercism", "3")])
    func aGraderCrashInOneExerciseStillGradesAllTheOthers(format: String, crashing: String) throws {
        let submission = try Self.fullSubmission()
        let out = submission.appendingPathComponent("results.json").path
        let result = try StreamlabProcess.run(
            ["grade", "--submission", submission.path, "--format", format, "--out", out,
             "--exercises-dir", ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises").path],
            environment: ["STREAMLAB_INJECT_GRADER_FAULT": crashing])
        #expect(result.exitCode == 3, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("checks passed") }.count == 11, "\(result.standardOutput)")
        #expect(lines.contains { $0.hasPrefix((crashing.count == 1 ? "0" : "") + crashing + " ") && $0.contains("grader error: the grader crashed") })
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let tests = json["tests"] as! [[String: Any]]
        let prefix = (crashing.count == 1 ? "0" : "") + crashing + " "
        if format == "gradescope" {
            #expect(json["score"] as? Double == Double(tests.filter { $0["status"] as? String == "passed" }.count))
            #expect(Set(tests.compactMap { ($0["name"] as? String)?.prefix(3) }).count == 12)
            let crashed = tests.filter { ($0["name"] as? String)?.hasPrefix(prefix) == true }
            #expect(!crashed.isEmpty && crashed.allSatisfy { ($0["output"] as? String)?.contains("grader error") == true && $0["score"] as? Double == 0 })
            #expect(tests.filter { ($0["name"] as? String)?.hasPrefix(prefix) == false }.allSatisfy { $0["status"] as? String == "passed" })
        } else {
            #expect(json["status"] as? String == "fail" && json["version"] as? Int == 3)
            #expect(tests.allSatisfy { $0["status"] as? String == "pass" || !(($0["message"] as? String) ?? "").isEmpty })
            let crashed = tests.filter { ($0["name"] as? String)?.hasPrefix(prefix) == true }
            #expect(!crashed.isEmpty && crashed.allSatisfy { $0["status"] as? String == "error" })
            #expect(tests.filter { ($0["name"] as? String)?.hasPrefix(prefix) == false }.allSatisfy { $0["status"] as? String == "pass" })
        }
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

/// The Gradescope entry point runs the sandboxed grader: run_autograder,
/// pointed at a temporary /autograder layout, grades a submission into
/// results.json whose output names the isolation and the time budget.
@Suite struct RunAutograderTests {
    @Test func runAutograderGradesInTheSandboxAndSaysHow() throws {
        let root = try StreamlabProcess.temporaryDirectory()
        let repository = ExerciseFixtures.repositoryRoot
        try FileManager.default.createDirectory(at: root.appendingPathComponent("submission"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("source"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("source/Exercises"), withDestinationURL: repository.appendingPathComponent("Exercises"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Exercises/02-window-assigner/reference/WindowAssigner.swift"),
                                         to: root.appendingPathComponent("submission/WindowAssigner.swift"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appendingPathComponent("scripts/gradescope/run_autograder").path]
        var environment = ProcessInfo.processInfo.environment
        environment["AUTOGRADER_ROOT"] = root.path
        environment["PATH"] = StreamlabProcess.binaryURL.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json"))) as! [String: Any]
        #expect((json["score"] as? Double).map { $0 >= 10 } == true && (json["tests"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "passed" } == true)
        let output = json["output"] as? String ?? ""
        #expect(output.contains("time budget: 20 s of wall time for each exercise's checks"))
        #expect(output.contains("\nisolation: "), "\(output)")
    }
}
