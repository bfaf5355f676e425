import Foundation
import Testing

/// `streamlab exercises handout`: the students' copy holds nothing that gives
/// the grading away, and the graders still grade its visible checks.
@Suite struct HandoutCommandTests {
    /// A scratch `ex/` copy of Exercises/ and its hand-out written to `student/`.
    static func writeHandout() throws -> URL {
        let directory = try ExerciseFixtures.scratchCopy()
        try "4\n".write(to: directory.appendingPathComponent("ex/.progress"), atomically: true, encoding: .utf8)
        try "x".write(to: directory.appendingPathComponent("ex/02-window-assigner/.streamlab-progress"), atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(["exercises", "handout", "--exercises-dir", "ex", "--out", "student"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == "wrote the students' copy of 15 exercises to student (left out: reference/, mutants/, grading/, tests/hidden.swift, progress files)\n")
        return directory
    }

    static func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        return enumerator.compactMap { $0 as? String }.sorted()
    }

    /// The strings of the instructor-only JSON data of exercises 01 and 10.
    static func hiddenData(_ exercises: URL) throws -> (operationIds: [String], messages: [String], seeds: [Int]) {
        func json(_ path: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: exercises.appendingPathComponent(path))) as! [String: Any]
        }
        let operations = try json("01-classify-operations/grading/operations.json")["operations"] as! [[String: Any]]
        let messages = operations.flatMap { operation in
            ["misses", "costsMore"].flatMap { ((operation[$0] as? [String: String]) ?? [:]).values.sorted() }
        }
        let seeds = try json("10-latency-and-completeness/grading/seeds.json")["seeds"] as! [[String: Any]]
        return (operations.map { $0["id"] as! String }, messages, seeds.map { $0["seed"] as! Int })
    }

    @Test func handoutLeavesOutReferenceMutantsGradingHiddenTestsAndProgress() throws {
        let directory = try Self.writeHandout()
        let student = directory.appendingPathComponent("student")
        let files = Self.files(under: student)
        #expect(files.contains("_kit"))
        #expect(files.contains("README.md"))
        #expect(files.contains("01-classify-operations/classification.txt"))
        #expect(files.contains("02-window-assigner/tests/visible.swift"))
        for file in files {
            let components = file.split(separator: "/").map(String.init)
            #expect(!components.contains { ["reference", "mutants", "grading", "samples"].contains($0) }, "\(file) is in the hand-out")
            #expect(!file.hasSuffix("hidden.swift"), "\(file) is in the hand-out")
            #expect(!components.contains { $0 == ".progress" || $0.hasPrefix(".streamlab") }, "\(file) is in the hand-out")
        }
        #expect(Self.files(under: directory).allSatisfy { !$0.contains(".handout-") }, "the temporary folder was left behind")
        for folder in files where !folder.contains("/") && folder.first!.isNumber {
            let description = try JSONSerialization.jsonObject(with: Data(contentsOf: student.appendingPathComponent(folder + "/exercise.json"))) as! [String: Any]
            #expect((description["mutants"] as? [Any])?.isEmpty == true, "\(folder)/exercise.json still lists its mutants")
        }
    }

    /// The hidden operations' ids are in the starter (the student answers
    /// them) and nowhere else; what their checks expect, and the hidden seeds,
    /// are nowhere in the hand-out.
    @Test func handoutHoldsNoHiddenCheckData() throws {
        let readme = try String(contentsOf: try Self.writeHandout().appendingPathComponent("student/README.md"), encoding: .utf8)
        #expect(readme.contains("## For students") && !readme.contains("| caught |") && !readme.contains("## For instructors"))
        let directory = try Self.writeHandout()
        let student = directory.appendingPathComponent("student")
        let hidden = try Self.hiddenData(directory.appendingPathComponent("ex"))
        #expect(hidden.operationIds.count == 3 && hidden.seeds.count == 2 && !hidden.messages.isEmpty)
        for file in Self.files(under: student) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: student.appendingPathComponent(file).path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let text = try String(contentsOf: student.appendingPathComponent(file), encoding: .utf8)
            if file != "01-classify-operations/classification.txt" {
                for id in hidden.operationIds { #expect(!text.contains(id), "\(file) names the hidden operation \(id)") }
            }
            for message in hidden.messages { #expect(!text.contains(message), "\(file) holds a hidden check's message") }
            for seed in hidden.seeds {
                #expect(!text.contains("seed \(seed)") && !text.contains("\"seed\": \(seed)"), "\(file) names the hidden seed \(seed)")
            }
        }
    }

    @Test func handoutGradesTheVisibleChecksOfAnAnswerExercise() throws {
        let directory = try Self.writeHandout()
        try FileManager.default.removeItem(at: directory.appendingPathComponent("student/01-classify-operations/classification.txt"))
        try FileManager.default.copyItem(at: directory.appendingPathComponent("ex/01-classify-operations/reference/classification.txt"),
                                         to: directory.appendingPathComponent("student/01-classify-operations/classification.txt"))
        let result = try StreamlabProcess.run(["exercises", "check", "1", "--exercises-dir", "student"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix("exercise 01 classify-operations (01-classify-operations/classification.txt): 12/12 checks passed\n"))
        #expect(!result.standardOutput.contains("hidden checks"))
    }

    /// The hand-out has no tests/hidden.swift: `exercises check` compiles and
    /// grades the visible checks. The untouched starter fails them; a correct
    /// answer passes them.
    @Test func testHandoutChecksSwiftExercise() throws {
        let directory = try Self.writeHandout()
        let starter = try StreamlabProcess.run(["exercises", "check", "2", "--exercises-dir", "student"], in: directory)
        #expect(starter.exitCode == 1, "\(starter.standardOutput)\(starter.standardError)")
        #expect(starter.standardOutput.hasPrefix("exercise 02 window-assigner (02-window-assigner/WindowAssigner.swift): 0/3 checks passed\n"))
        let file = directory.appendingPathComponent("student/02-window-assigner/WindowAssigner.swift")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.copyItem(at: directory.appendingPathComponent("ex/02-window-assigner/reference/WindowAssigner.swift"), to: file)
        let result = try StreamlabProcess.run(["exercises", "check", "2", "--exercises-dir", "student"], in: directory)
        #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("exercise 02 window-assigner (02-window-assigner/WindowAssigner.swift): "))
        #expect(result.standardOutput.hasSuffix("done! `streamlab exercises next` shows the next exercise\n"))
        #expect(!result.standardOutput.contains("hidden checks"))
    }

    @Test func handoutRefusesAFolderThatIsNotEmpty() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("student")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try "keep me".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let exercises = ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises").path
        let result = try StreamlabProcess.run(["exercises", "handout", "--exercises-dir", exercises, "--out", out.path])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --out: \(out.path) exists and is not empty; give a new or empty folder\n")
        #expect(result.standardOutput == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["student"])
    }

    @Test func handoutFillsAnEmptyFolder() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("student")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let exercises = ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises").path
        let result = try StreamlabProcess.run(["exercises", "handout", "--exercises-dir", exercises, "--out", out.path])
        #expect(result.exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("01-classify-operations/classification.txt").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["student"])
    }
}

/// Exercise 01's inventory-alert answer is decided by the lab's own run:
/// the models its grading data says meet the 2-minute target are exactly the
/// engines whose run alerts every low SKU within 2 minutes of simulated time.
@Suite struct InventoryTargetDecidedByTheLabTests {
    @Test func theModelsThatMeetTheTwoMinuteTargetAreTheOnesTheLabMeasures() throws {
        let data = try Data(contentsOf: ExerciseFixtures.repositoryRoot.appendingPathComponent("Exercises/01-classify-operations/operations.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let operation = (json["operations"] as! [[String: Any]]).first { $0["id"] as? String == "low-stock-alert" }!
        let meets = Set(operation["meets"] as! [String])
        for (model, engine) in [("batch", "batch"), ("micro-batch", "microbatch"), ("streaming", "record")] {
            let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", engine, "--job", "inventory-alert"],
                                                  in: ExerciseFixtures.repositoryRoot)
            #expect(result.exitCode == 0)
            let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("business: ") } ?? ""
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            // "business: F SKUs fell below 10 units; A alerted within 2 minutes ..."
            #expect(numbers.count >= 3, "\(line)")
            let fell = numbers[0], alerted = numbers[2]
            #expect(fell > 0)
            #expect((alerted == fell) == meets.contains(model), "\(model): \(line)")
        }
    }
}
