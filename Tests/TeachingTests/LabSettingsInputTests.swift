@testable import Teaching
import Testing

/// Exercise 10's answer file is validated before the lab runs: a trigger too
/// small for the scheduler (it rounds to 0 µs, or would run millions of
/// batches) is a failure with the allowed range, never a grader crash.
@Suite struct LabSettingsInputTests {
    @Test(arguments: ["0.0000001", "0.00001", "0", "-1", "601", "soon"])
    func anOutOfRangeTriggerIsAFailureNamingTheRange(trigger: String) throws {
        let exercise = try ExerciseCatalog(root: TestPaths.exercises).exercise("10")
        let outcomes = try LabSettingsGrader.grade("trigger.interval.seconds = \(trigger)\nwatermark.delay.seconds = 20\n", exercise)
        #expect(outcomes.count == 6)
        #expect(outcomes.allSatisfy { $0.status == .fail })
        #expect(outcomes[0].message == "set trigger.interval.seconds in [0.1, 600] and watermark.delay.seconds in [0, 3600]")
    }
}
