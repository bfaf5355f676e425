import Engines
import SimKernel

/// Exercise 15: choose a system, and the guarantee to run it with, for each
/// of TheWorldShop's needs (lesson 16). The answer file has one line per
/// need: `need-id = system guarantee ; reason`.
///
/// Four checks per need, each against the lab rather than an answer key:
/// - the guarantee is at least the one the need requires, and the system
///   offers it: read from the engine catalog (`PresetRegistry`), the same
///   table `streamlab guarantees` prints;
/// - the system under that guarantee meets the latency target: its event-time
///   p99 in the exercise's `systems.json`, measured by the `compare` command
///   the file names (HarnessTests re-measures every figure, so the file
///   cannot drift from the lab);
/// - it is of the cheapest kind of engine that meets the need (batch <
///   micro-batch < record-at-a-time, the catalog's kind of each preset);
/// - the reason names what decides the need: its guarantee, its latency
///   target, or cost.
enum SystemChoiceGrader {
    struct Need {
        var id: String
        var visibility: TestVisibility
        var guarantee: Guarantee
        var targetMillis: Double
        /// The target as the need states it, e.g. "1 s".
        var target: String
        var decidedBy: [String]
    }

    struct Data {
        /// "system/guarantee" → event-time p99 in ms.
        var p99Millis: [String: Double]
        var command: String
        var factors: [ClassificationGrader.Factor]
        var needs: [Need]
    }

    /// Cost order of engine kinds, cheapest first.
    static let kinds: [EngineKind] = [.batch, .microbatch, .record]
    static let kindNames: [EngineKind: String] = [.batch: "batch", .microbatch: "micro-batch", .record: "record-at-a-time"]

    /// How much a guarantee promises: a stronger one satisfies a weaker need.
    static func strength(_ guarantee: Guarantee) -> Int {
        switch guarantee {
        case .atMostOnce: return 0
        case .atLeastOnce: return 1
        case .exactlyOnce, .exactlyOnceIdempotent: return 2
        }
    }

    static func grade(_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome] {
        grade(text, data: try load(exercise), taskId: exercise.id)
    }

    static func grade(_ text: String, data: Data, taskId: Int) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        var checks: [AnswerCheck] = []
        for need in data.needs {
            let parts = (answers[need.id] ?? "").split(separator: ";", maxSplits: 1)
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let words = (parts.first ?? "").split(separator: " ").map(String.init)
            let reason = parts.count > 1 ? parts[1] : ""
            let choice = parse(words, need: need)
            func check(_ name: String, _ body: (Choice) -> String?) {
                let message: String?
                switch choice {
                case .failure(let unreadable): message = unreadable.message
                case .success(let chosen): message = body(chosen)
                }
                checks.append(AnswerCheck(name: "\(need.id): \(name)", visibility: need.visibility, problem: message))
            }
            check("the system offers the guarantee the need requires") { guaranteeProblem(need, $0) }
            check("meets its latency target") { latencyProblem(need, $0, data) }
            check("the cheapest kind of engine that does") { cheapestProblem(need, $0, data) }
            checks.append(AnswerCheck(name: "\(need.id): the reason names the deciding factor", visibility: need.visibility,
                                      problem: reasonProblem(need, reason, data)))
        }
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }

    struct Choice {
        var preset: Preset
        var guarantee: Guarantee
        var key: String { "\(preset.name)/\(guarantee.rawValue)" }
    }

    struct Unreadable: Error { var message: String }

    static func parse(_ words: [String], need: Need) -> Result<Choice, Unreadable> {
        let systems = PresetRegistry.names.joined(separator: ", ")
        guard words.count == 2, let preset = try? PresetRegistry.preset(named: words[0]) else {
            return .failure(Unreadable(message: "\(need.id): answer `system guarantee`, a system one of \(systems) (got '\(words.joined(separator: " "))')"))
        }
        guard let guarantee = Guarantee(rawValue: words[1]) else {
            let names = Guarantee.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(Unreadable(message: "\(need.id): the guarantee must be one of \(names) (got '\(words[1])')"))
        }
        return .success(Choice(preset: preset, guarantee: guarantee))
    }

    static func offers(_ preset: Preset, _ guarantee: Guarantee) -> Bool {
        preset.guarantees.contains { $0.guarantee == guarantee }
    }

    static func guaranteeProblem(_ need: Need, _ choice: Choice) -> String? {
        if strength(choice.guarantee) < strength(need.guarantee) {
            return "\(need.id) needs \(need.guarantee.rawValue); \(choice.guarantee.rawValue) "
                + (choice.guarantee == .atMostOnce ? "loses the records in flight at a crash" : "may count a record twice after a crash")
        }
        guard offers(choice.preset, choice.guarantee) else {
            let offered = choice.preset.guarantees.map(\.guarantee.rawValue).joined(separator: ", ")
            return "\(choice.preset.name) does not offer \(choice.guarantee.rawValue) (it offers \(offered); `streamlab guarantees`)"
        }
        return nil
    }

    static func latencyProblem(_ need: Need, _ choice: Choice, _ data: Data) -> String? {
        guard let p99 = data.p99Millis[choice.key] else {
            return "\(choice.preset.name) cannot run at \(choice.guarantee.rawValue), so it has no latency to meet \(need.target) with"
        }
        guard p99 > need.targetMillis else { return nil }
        return "\(need.id) as \(choice.preset.name) under \(choice.guarantee.rawValue) misses \(need.target): its results come "
            + "p99 \(format(p99)) ms after the event (\(data.command))"
    }

    /// The pairs (system, guarantee) that meet the need, as the lab measured them.
    static func meeting(_ need: Need, _ data: Data) -> [Choice] {
        PresetRegistry.all.flatMap { preset in preset.guarantees.map { Choice(preset: preset, guarantee: $0.guarantee) } }
            .filter { guaranteeProblem(need, $0) == nil && (data.p99Millis[$0.key].map { $0 <= need.targetMillis } ?? false) }
    }

    static func cheapestProblem(_ need: Need, _ choice: Choice, _ data: Data) -> String? {
        let candidates = meeting(need, data)
        guard let cheapest = candidates.map({ kinds.firstIndex(of: $0.preset.engineKind)! }).min() else { return nil }
        guard candidates.contains(where: { $0.key == choice.key }) else {
            return "\(need.id) as \(choice.preset.name) under \(choice.guarantee.rawValue): a choice that misses the need cannot be the cheapest one that meets it"
        }
        let rank = kinds.firstIndex(of: choice.preset.engineKind)!
        guard rank > cheapest else { return nil }
        let example = candidates.first { kinds.firstIndex(of: $0.preset.engineKind) == cheapest }!
        let order = kinds.map { kindNames[$0]! }.joined(separator: " < ")
        return "\(need.id) as \(choice.preset.name) meets the need but costs more than needed: a \(kindNames[kinds[cheapest]]!) engine "
            + "meets it too, e.g. \(example.preset.name) under \(example.guarantee.rawValue), p99 \(format(data.p99Millis[example.key]!)) ms "
            + "(cost: \(order))"
    }

    static func reasonProblem(_ need: Need, _ reason: String, _ data: Data) -> String? {
        let operation = ClassificationGrader.Operation(id: need.id, visibility: need.visibility, target: need.target, meets: [],
                                                       decidedBy: need.decidedBy, misses: [:], costsMore: [:])
        let catalogue = ClassificationGrader.Catalogue(models: [], factors: data.factors, operations: [])
        return ClassificationGrader.reasonProblem(operation, reason, catalogue)
            .map { $0.replacingOccurrences(of: "write `\(need.id) = model ; reason`", with: "write `\(need.id) = system guarantee ; reason`") }
    }

    static func format(_ millis: Double) -> String {
        let whole = Int64(millis.rounded())
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }
}
