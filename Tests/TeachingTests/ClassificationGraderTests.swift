import Foundation
import Testing
import SimKernel
@testable import Teaching

/// Exercise 01 grades judgement: every model that meets an operation's
/// latency target meets it, the cheapest of them is the answer, and the reason
/// must name the factor that decides the operation.
@Suite struct ClassificationGraderTests {
    static func exercise() throws -> ExerciseDefinition {
        try ExerciseCatalog(root: TestPaths.exercises).exercise("1")
    }

    static func reference() throws -> String {
        try String(contentsOfFile: TestPaths.exercises + "/01-classify-operations/reference/classification.txt", encoding: .utf8)
    }

    /// The reference answers with one operation's line replaced.
    static func grade(_ operation: String, _ answer: String) throws -> [TestOutcome] {
        let lines = try reference().split(separator: "\n").map { line in
            line.hasPrefix(operation + " =") ? "\(operation) = \(answer)" : String(line)
        }
        return try ClassificationGrader.grade(lines.joined(separator: "\n"), exercise())
    }

    static func outcome(_ outcomes: [TestOutcome], _ name: String) -> TestOutcome {
        outcomes.first { $0.name == name }!
    }

    @Test func microBatchWithTheDeadlineAsReasonGetsFullMarksForTheInventoryAlert() throws {
        let outcomes = try Self.grade("low-stock-alert", "micro-batch ; the warehouse needs it within 2 minutes and a trigger of seconds meets that")
        #expect(outcomes.count == 21)
        #expect(outcomes.allSatisfy { $0.status == .pass })
    }

    @Test func batchForFraudMissesTheTargetAndSaysByHowMuch() throws {
        let outcomes = try Self.grade("card-fraud-check", "batch ; one cheap job over the complete day")
        let target = Self.outcome(outcomes, "card-fraud-check: meets its latency target")
        #expect(target.status == .fail)
        #expect(target.message == "card-fraud-check as batch misses its latency target: results with the next scheduled run, hours later (the next day for the nightly job) vs < 30 s; a fraud flag after the midnight job comes after the money has gone")
        #expect(Self.outcome(outcomes, "card-fraud-check: the cheapest model that does").status == .fail)
        #expect(outcomes.filter { $0.status == .fail }.map(\.name) == [
            "card-fraud-check: meets its latency target",
            "card-fraud-check: the cheapest model that does",
            "card-fraud-check: the reason names the deciding factor",
        ])
    }

    @Test func streamingForTheInventoryAlertFailsOnlyTheCheapestCheck() throws {
        let outcomes = try Self.grade("low-stock-alert", "streaming ; an alert within milliseconds, well inside the 2-minute deadline")
        let failed = outcomes.filter { $0.status == .fail }
        #expect(failed.map(\.name) == ["low-stock-alert: the cheapest model that does"])
        #expect(failed.first?.message.hasPrefix("low-stock-alert as streaming meets the target but costs more than needed: a cheaper model meets < 2 min too (cost: batch < micro-batch < streaming); the lab's micro-batch engine alerts p50 1116 ms after the order") == true)
    }

    @Test func aReasonNamingAnotherFactorSaysWhichFactorDecides() throws {
        let outcomes = try Self.grade("live-sales-dashboard", "micro-batch ; it is cheaper than streaming")
        let reason = Self.outcome(outcomes, "live-sales-dashboard: the reason names the deciding factor")
        #expect(reason.message == "the reason for live-sales-dashboard names cost but what decides it is its latency target")
        let silent = try Self.grade("nightly-revenue-report", "batch ; because")
        #expect(Self.outcome(silent, "nightly-revenue-report: the reason names the deciding factor").message
            == "the reason for nightly-revenue-report names no deciding factor; what decides it is cost or correctness (it needs complete data) (say so, e.g. with: cheap, cost, expensive, complete, whole, all of the)")
    }

    @Test func anAliasOfAModelIsThatModel() throws {
        let outcomes = try Self.grade("card-fraud-check", "record-at-a-time ; a verdict within milliseconds")
        #expect(outcomes.filter { $0.status == .fail }.map(\.name) == ["card-fraud-check: the cheapest model that does"])
    }

    @Test func theInstructorCopyGradesVisibleThenHiddenOperations() throws {
        let outcomes = try ClassificationGrader.grade(Self.reference(), Self.exercise())
        #expect(outcomes.filter { $0.visibility == .visible }.count == 12)
        #expect(outcomes.filter { $0.visibility == .hidden }.count == 9)
        #expect(outcomes.prefix(12).allSatisfy { $0.visibility == .visible })
    }
}

/// The hidden checks' data lives in `grading/`, which the hand-out leaves out.
@Suite struct GradingDataTests {
    /// A scratch exercises root holding copies of exercises 01 and 10.
    static func scratchExercises(keepGrading: Bool) throws -> ExerciseCatalog {
        let root = try TestPaths.temporaryDirectory()
        for folder in ["01-classify-operations", "10-latency-and-completeness"] {
            try FileManager.default.copyItem(atPath: TestPaths.exercises + "/" + folder, toPath: root + "/" + folder)
            if !keepGrading { try FileManager.default.removeItem(atPath: root + "/" + folder + "/grading") }
        }
        return try ExerciseCatalog(root: root)
    }

    static func hiddenOperationIds() throws -> [String] {
        let text = try String(contentsOfFile: TestPaths.exercises + "/01-classify-operations/grading/operations.json", encoding: .utf8)
        guard case .object(let members) = try JSONValue.parse(text, file: "operations.json"),
              case .array(let operations)? = members.first(where: { $0.0 == "operations" })?.1 else { return [] }
        return operations.compactMap { operation in
            guard case .object(let fields) = operation, case .string(let id)? = fields.first(where: { $0.0 == "id" })?.1 else { return nil }
            return id
        }
    }

    @Test func aHandoutWithoutGradingFolderGradesTheVisibleChecksOnly() throws {
        let catalog = try Self.scratchExercises(keepGrading: false)
        let reference = try String(contentsOfFile: TestPaths.exercises + "/01-classify-operations/reference/classification.txt", encoding: .utf8)
        let outcomes = try ClassificationGrader.grade(reference, catalog.exercise("1"))
        #expect(outcomes.count == 12)
        #expect(outcomes.allSatisfy { $0.visibility == .visible && $0.status == .pass })
        #expect(try LabSettingsGrader.hiddenSeeds(catalog.exercise("10")) == [])
    }

    @Test func theInstructorCopyReadsTheHiddenSeeds() throws {
        let catalog = try Self.scratchExercises(keepGrading: true)
        #expect(try LabSettingsGrader.hiddenSeeds(catalog.exercise("10")).count == 2)
        let bad = catalog.exercises[1].directory + "/grading/seeds.json"
        try #"{"seeds": [{"seed": -3, "visibility": "hidden"}]}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: bad, field: "seeds[0].seed", reason: "must be a whole number in [0, 9007199254740992]")) {
            try LabSettingsGrader.hiddenSeeds(catalog.exercise("10"))
        }
    }

    @Test func aGradingFolderWithoutItsFileIsAnInputError() throws {
        let catalog = try Self.scratchExercises(keepGrading: true)
        let path = catalog.exercises[0].directory + "/grading/operations.json"
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: InputError(file: path, field: "", reason: "missing or unreadable (the grader needs it)")) {
            try ClassificationGrader.grade("", catalog.exercise("1"))
        }
    }

    @Test func malformedGradingDataIsAnInputErrorNamingTheField() throws {
        let catalog = try Self.scratchExercises(keepGrading: true)
        let path = catalog.exercises[0].directory + "/grading/operations.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: #""meets": ["micro-batch", "streaming"]"#, with: #""meets": ["micro-batch", "kappa"]"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, field: "operations[1].meets", reason: "'kappa' is not a model (models: batch, micro-batch, streaming)")) {
            try ClassificationGrader.grade("", catalog.exercise("1"))
        }
        try "{\"operations\": [".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try ClassificationGrader.grade("", catalog.exercise("1")) }
    }

    @Test func aHiddenOperationInTheFileThatShipsIsRefused() throws {
        let catalog = try Self.scratchExercises(keepGrading: true)
        let path = catalog.exercises[0].directory + "/operations.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: #""id": "card-fraud-check", "visibility": "visible""#, with: #""id": "card-fraud-check", "visibility": "hidden""#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, field: "operations[1].visibility", reason: "is hidden, but this file ships to students; hidden entries belong in grading/")) {
            try ClassificationGrader.grade("", catalog.exercise("1"))
        }
    }

    @Test func sourcesHoldNoHiddenOperationOrHiddenSeed() throws {
        let ids = try Self.hiddenOperationIds()
        #expect(ids.count == 3)
        let sources = TestPaths.repositoryRoot + "/Sources"
        let files = FileManager.default.enumerator(atPath: sources)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for id in ids { #expect(!text.contains(id), "Sources/\(file) names the hidden operation \(id)") }
        }
        let lab = try String(contentsOfFile: sources + "/Teaching/LabSettingsGrader.swift", encoding: .utf8)
        #expect(!lab.contains("11, 23") && !lab.contains("hiddenSeeds: [UInt64] = ["))
    }

    @Test func exercismPublishesNoCodeForHiddenChecks() throws {
        let catalog = try ExerciseCatalog(root: TestPaths.exercises)
        let reference = try String(contentsOfFile: TestPaths.exercises + "/01-classify-operations/reference/classification.txt", encoding: .utf8)
        let exercise = try catalog.exercise("1")
        let grade = ExerciseGrade(exercise: exercise, outcomes: try ClassificationGrader.grade(reference, exercise), errorMessage: nil)
        let json = ExercismResults.encode(GradeReport(grades: [grade], executionSeconds: nil), version: 3)
        let object = try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) as! [String: Any]
        #expect(ExercismResults.validate(object) == [])
        let tests = object["tests"] as! [[String: Any]]
        let codes = tests.map { $0["test_code"] as? String }
        #expect(codes.suffix(9).allSatisfy { $0 == "hidden check" })
        #expect(codes.prefix(12).allSatisfy { $0?.hasPrefix("answer check: ") == true })
    }
}
