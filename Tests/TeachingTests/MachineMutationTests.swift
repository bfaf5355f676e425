import Foundation
import Testing
@testable import Teaching

/// Every Swift exercise's suite kills at least 95 % of the machine-made
/// mutants of its reference that compile and are not listed as equivalent,
/// every listed equivalent is still generated, and Exercises/README.md shows
/// the current table.
@Suite struct MachineMutationTests {
    @Test func everySuiteKillsNinetyFivePercentOfItsMachineMadeMutants() throws {
        let catalog = try ExerciseCatalog(root: TestPaths.exercises)
        let swift = catalog.exercises.filter { $0.kind == .swift }
        let scores = try MutationScore.compute(grader: Grader(catalog: catalog), exercises: swift)
        #expect(scores.count == swift.count)
        for score in scores {
            #expect(score.generated >= 5, "\(score.exercise.label): only \(score.generated) mutants")
            #expect(score.score >= MutationScore.requiredScore, "\(score.exercise.label): \(score.details())")
            #expect(score.staleEquivalents.isEmpty, "\(score.exercise.label): stale \(score.staleEquivalents)")
        }
        let readme = try String(contentsOfFile: TestPaths.exercises + "/README.md", encoding: .utf8)
        #expect(readme.contains(MutationScore.markdown(scores)), "regenerate the table with `streamlab exercises mutate`")
    }

    @Test func theGeneratorMakesEachKindOfMutant() {
        let source = """
        func f(_ event: ShopEvent, _ a: Int64, _ b: Int64) -> Int64 {
            var r = (a - b) % 60 // a comment: x < y
            if r < 0 { r += 60 }
            guard event.eventTimeMicros >= a else { return 0 }
            total += r
            if a > b && min(a, b) > 0 { total += 1 }
            return r / 2 == 1 ? Set<Int64>([r]).count : "<"
        }
        """
        let mutants = MutantGenerator.mutants(of: source)
        let names = Set(mutants.map(\.operatorName))
        #expect(names == ["ROR", "CRP", "DIV", "ABS", "FLD", "SDL", "NEG", "AOR", "LCR", "FNS"])
        #expect(mutants.contains { $0.id == "ROR:3:10:<=" && $0.source.contains("if r <= 0 { r += 60 }") })
        #expect(mutants.contains { $0.id == "NEG:4:11:!(event.eventTimeMicros >= a)" })
        #expect(mutants.contains { $0.id == "FLD:4:17:arrivalTimeMicros" })
        #expect(mutants.contains { $0.id == "SDL:5:5:deleted" })
        #expect(mutants.contains { $0.operatorName == "DIV" && $0.source.contains("r /~ 2") && $0.source.contains("infix operator /~") })
        #expect(mutants.contains { $0.operatorName == "LCR" && $0.source.contains("a > b || min(a, b) > 0") })
        #expect(mutants.contains { $0.operatorName == "FNS" && $0.source.contains("a > b && max(a, b) > 0") })
        #expect(mutants.contains { $0.operatorName == "AOR" && $0.source.contains("(a + b) % 60") })
        // Comments, strings and generic brackets are never mutated.
        #expect(!mutants.contains { $0.source.contains("x <= y") || $0.source.contains("Set<=") || $0.source.contains("\"<=\"") })
    }
}
