/// What grading produces, independent of the results.json format asked for.

public enum TestVisibility: String, Sendable, Codable {
    case visible
    /// A hidden check: its name and message are withheld from students until
    /// the instructor publishes grades (Gradescope's `after_published` by default).
    case hidden
}

public struct TestOutcome: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case pass, fail, error }

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
    /// Set when the grader itself failed on this exercise (not the
    /// student): its checks are `error`s and the other exercises are graded.
    public var graderError: String?

    public init(exercise: ExerciseDefinition, outcomes: [TestOutcome], errorMessage: String?, graderError: String? = nil) {
        self.exercise = exercise
        self.outcomes = outcomes
        self.errorMessage = errorMessage
        self.graderError = graderError
    }

    /// An exercise the grader failed on: every declared check is an error.
    public static func graderFailure(_ exercise: ExerciseDefinition, _ reason: String) -> ExerciseGrade {
        let message = "grader error: " + reason + " (not a fault of the submission; the other exercises are graded)"
        return everyCheckAnError(exercise, message, fallbackName: "grading", graderError: message)
    }

    /// A submission file the grader will not read: every check is an error
    /// with the reason (the student's fault, not the grader's).
    public static func refused(_ exercise: ExerciseDefinition, _ reason: String) -> ExerciseGrade {
        everyCheckAnError(exercise, reason, fallbackName: "submission", graderError: nil)
    }

    /// Every check the exercise declares (or one named `fallbackName` when
    /// its checks are not declared in sources) as an error with `message`.
    private static func everyCheckAnError(_ exercise: ExerciseDefinition, _ message: String, fallbackName: String,
                                          graderError: String?) -> ExerciseGrade {
        var declared = CheckSource.checks(in: exercise)
        if declared.isEmpty { declared = [CheckSource.Declared(name: fallbackName, visibility: .visible, code: "")] }
        let outcomes = declared.map {
            TestOutcome(name: $0.name, visibility: $0.visibility, status: .error, message: message, testCode: $0.code, taskId: exercise.id)
        }
        return ExerciseGrade(exercise: exercise, outcomes: outcomes, errorMessage: message, graderError: graderError)
    }

    /// What crosses from a grading child process to its parent.
    struct Transfer: Codable {
        var outcomes: [TestOutcome]
        var errorMessage: String?
        var graderError: String?
    }

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

    /// The wall-time budget of each exercise's checks, reported in the results.
    public var budgetSeconds: Double?
    /// What isolated student code (Sandbox.summary); nil to leave it out.
    public var isolation: String?

    public init(grades: [ExerciseGrade], executionSeconds: Double?, budgetSeconds: Double? = nil, isolation: String? = nil) {
        self.grades = grades
        self.executionSeconds = executionSeconds
        self.budgetSeconds = budgetSeconds
        self.isolation = isolation
    }
}
