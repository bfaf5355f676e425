import Foundation
import Testing
@testable import Teaching

/// The grading suites are themselves tested: for every exercise the suite
/// passes the reference, fails the untouched starter, and catches each
/// catalogued wrong answer with a message naming the mistake. The table is
/// also the one printed in Exercises/README.md, so the README cannot drift.
@Suite struct MutationTableTests {
    @Test func everySuitePassesItsReferenceFailsItsStarterAndNamesEachCataloguedMistake() throws {
        let catalog = try ExerciseCatalog(root: TestPaths.exercises)
        #expect(catalog.exercises.count >= 10)
        for exercise in catalog.exercises {
            #expect(exercise.mutants.count >= 3, "exercise \(exercise.label) catalogues fewer than 3 mistakes")
            #expect(CheckSource.checks(in: exercise).contains { $0.visibility == .hidden } || exercise.kind == .answers)
        }
        let table = try MutationTable.compute(grader: Grader(catalog: catalog), exercises: catalog.exercises)
        for row in table.rows where !row.holds {
            Issue.record("\(row.exercise.label) \(row.variant): expected \(row.expectation), got \(row.grade.passedCount)/\(row.grade.outcomes.count): \(row.message)")
        }
        let readme = try String(contentsOfFile: TestPaths.exercises + "/README.md", encoding: .utf8)
        #expect(readme.contains(table.markdown()), "Exercises/README.md's mutation table is stale: run `streamlab exercises table`")
    }

    @Test func labIsDeterministicPerSeed() {
        let settings = LatencyCompletenessLab.Settings(triggerIntervalMicros: 5_000_000, watermarkDelayMicros: 20_000_000)
        #expect(LatencyCompletenessLab(seed: 7).run(settings) == LatencyCompletenessLab(seed: 7).run(settings))
        #expect(LatencyCompletenessLab(seed: 7).run(settings) != LatencyCompletenessLab(seed: 11).run(settings))
    }
}
