/// What grading produces, independent of the results.json format asked for.

public enum TestVisibility: String, Sendable {
    case visible
    /// A hidden check: its name and message are withheld from students until
    /// the instructor publishes grades (Gradescope's `after_published` by default).
    case hidden
}

public struct TestOutcome: Sendable, Equatable {
    public enum Status: String, Sendable { case pass, fail, error }

    public var name: String
    public var visibility: TestVisibility
    public var status: Status
    /// Empty when the check passed; otherwise the misconception it found.
    public var message: String
    /// The check's source, for Exercism's `test_code`.
    public var testCode: String
    /// The exercise id, used as Exercism's `task_id`.
    public var taskId: Int

    public init(name: String, visibility: TestVisibility, status: Status, message: String, testCode: String, taskId: Int) {
        self.name = name
        self.visibility = visibility
        self.status = status
        self.message = message
        self.testCode = testCode
        self.taskId = taskId
    }
}

public struct ExerciseGrade: Sendable {
    public var exercise: ExerciseDefinition
    public var outcomes: [TestOutcome]
    /// Set when no check could run at all (the code did not compile).
    public var errorMessage: String?

    public var passedCount: Int { outcomes.filter { $0.status == .pass }.count }
    public var score: Double { outcomes.isEmpty ? 0 : Double(passedCount) / Double(outcomes.count) }

    /// The first failing check's message: what the student should fix first.
    public var firstProblem: String? {
        errorMessage ?? outcomes.first { $0.status != .pass }.map { "\($0.name): \($0.message)" }
    }
}

public struct GradeReport: Sendable {
    public var grades: [ExerciseGrade]
    /// Wall-clock seconds the grading took; nil to leave it out of results.json
    /// (sample files committed to the repository must be byte-stable).
    public var executionSeconds: Double?

    public init(grades: [ExerciseGrade], executionSeconds: Double?) {
        self.grades = grades
        self.executionSeconds = executionSeconds
    }
}
