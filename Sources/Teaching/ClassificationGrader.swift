import SimKernel

/// Exercise 01: choose batch, micro-batch or streaming for each of
/// TheWorldShop's operations (lesson 01). The answer file has one line per
/// operation: `operation-id = model ; reason`.
///
/// The grader asks for judgement, not one key: each operation has a latency
/// target and the set of models that meet it. Any of those models meets the
/// target; the answer is the cheapest one (cost order as listed in the data,
/// batch < micro-batch < streaming), so a costlier model that also meets the
/// target fails only the "cheapest" check, with a message that says so. The
/// reason must name the factor that decides the operation: its latency target
/// (what rules out the cheaper models), cost, or correctness (complete data).
///
/// The data lives in the exercise folder, not here: `operations.json` (the
/// models, the factors with their keywords, the visible operations) ships to
/// students; `grading/operations.json` (the hidden operations) does not.
enum ClassificationGrader {
    struct Model {
        var name: String
        var aliases: [String]
        /// When this model's results come, e.g. "seconds after the event".
        var latency: String
    }

    struct Factor {
        var name: String
        /// How messages name it, e.g. "its latency target".
        var description: String
        var keywords: [String]
    }

    struct Operation {
        var id: String
        var visibility: TestVisibility
        /// The target as the lesson writes it, e.g. "< 2 min".
        var target: String
        /// The models that meet the target, in cost order.
        var meets: [String]
        /// The factor names a reason may give (any one suffices).
        var decidedBy: [String]
        /// For each model that misses the target: what that costs the shop.
        var misses: [String: String]
        /// For costlier models that meet the target: an optional note.
        var costsMore: [String: String]
    }

    struct Catalogue {
        /// Cheapest first.
        var models: [Model]
        var factors: [Factor]
        var operations: [Operation]

        func model(named answer: String) -> Model? {
            models.first { $0.name == answer || $0.aliases.contains(answer) }
        }

        func cheapest(_ operation: Operation) -> String {
            operation.meets[0]
        }
    }

    static func grade(_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome] {
        grade(text, catalogue: try load(exercise), taskId: exercise.id)
    }

    static func grade(_ text: String, catalogue: Catalogue, taskId: Int) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        var checks: [AnswerCheck] = []
        for operation in catalogue.operations {
            let parts = (answers[operation.id] ?? "").split(separator: ";", maxSplits: 1)
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let answer = parts.first ?? ""
            let reason = parts.count > 1 ? parts[1] : ""
            let model = catalogue.model(named: answer.replacingOccurrences(of: "_", with: "-"))
            let unknown = model == nil
                ? "\(operation.id): answer one of \(catalogue.models.map(\.name).joined(separator: ", ")) (got '\(answer)')" : nil
            checks.append(AnswerCheck(name: "\(operation.id): meets its latency target", visibility: operation.visibility,
                                      problem: unknown ?? model.flatMap { targetProblem(operation, $0) }))
            checks.append(AnswerCheck(name: "\(operation.id): the cheapest model that does", visibility: operation.visibility,
                                      problem: unknown ?? model.flatMap { cheapestProblem(operation, $0, catalogue) }))
            checks.append(AnswerCheck(name: "\(operation.id): the reason names the deciding factor", visibility: operation.visibility,
                                      problem: reasonProblem(operation, reason, catalogue)))
        }
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }

    /// Says by how much a model misses: when its results come vs the target.
    static func targetProblem(_ operation: Operation, _ model: Model) -> String? {
        guard let consequence = operation.misses[model.name] else { return nil }
        return "\(operation.id) as \(model.name) misses its latency target: \(model.latency) vs \(operation.target); \(consequence)"
    }

    static func cheapestProblem(_ operation: Operation, _ model: Model, _ catalogue: Catalogue) -> String? {
        if model.name == catalogue.cheapest(operation) { return nil }
        guard operation.meets.contains(model.name) else {
            return "\(operation.id) as \(model.name): a model that misses the latency target cannot be the cheapest one that meets it"
        }
        let order = catalogue.models.map(\.name).joined(separator: " < ")
        let note = operation.costsMore[model.name].map { "; " + $0 } ?? ""
        return "\(operation.id) as \(model.name) meets the target but costs more than needed: a cheaper model meets \(operation.target) too (cost: \(order))\(note)"
    }

    static func reasonProblem(_ operation: Operation, _ reason: String, _ catalogue: Catalogue) -> String? {
        if reason.isEmpty {
            return "\(operation.id): no reason given; write `\(operation.id) = model ; reason` and name what decides it"
        }
        let named = catalogue.factors.filter { factor in factor.keywords.contains { reason.contains($0) } }
        if named.contains(where: { operation.decidedBy.contains($0.name) }) { return nil }
        let deciding = catalogue.factors.filter { operation.decidedBy.contains($0.name) }
        let decidingText = deciding.map(\.description).joined(separator: " or ")
        if !named.isEmpty {
            return "the reason for \(operation.id) names \(named.map(\.description).joined(separator: " and ")) but what decides it is \(decidingText)"
        }
        let examples = deciding.flatMap { $0.keywords.prefix(3) }.joined(separator: ", ")
        return "the reason for \(operation.id) names no deciding factor; what decides it is \(decidingText) (say so, e.g. with: \(examples))"
    }
}

// MARK: - Loading the data files

extension ClassificationGrader {
    static let dataFile = "operations.json"

    /// The visible data next to the exercise, plus the hidden operations from
    /// `grading/` when the folder is there (see `GradingData`).
    static func load(_ exercise: ExerciseDefinition) throws -> Catalogue {
        let visible = try GradingData.object(at: exercise.directory + "/" + dataFile)
        try visible.rejectUnknown(["about", "models", "factors", "operations"])
        var catalogue = Catalogue(models: try visible.objects("models").map(parseModel),
                                  factors: try visible.objects("factors").map(parseFactor), operations: [])
        try checkUnique(catalogue.models.map(\.name) + catalogue.models.flatMap(\.aliases), in: visible, field: "models")
        try checkUnique(catalogue.factors.map(\.name), in: visible, field: "factors")
        catalogue.operations = try visible.objects("operations").map { try parseOperation($0, .visible, catalogue) }
        try checkUnique(catalogue.operations.map(\.id), in: visible, field: "operations")
        if let hiddenPath = GradingData.instructorFile(dataFile, of: exercise) {
            let hidden = try GradingData.object(at: hiddenPath)
            try hidden.rejectUnknown(["about", "operations"])
            catalogue.operations += try hidden.objects("operations").map { try parseOperation($0, .hidden, catalogue) }
            try checkUnique(catalogue.operations.map(\.id), in: hidden, field: "operations")
        }
        return catalogue
    }

    static func checkUnique(_ names: [String], in file: JSONFields, field: String) throws {
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            throw file.failure(field, "'\(name)' is listed twice")
        }
    }

    static func parseModel(_ entry: JSONFields) throws -> Model {
        try entry.rejectUnknown(["name", "aliases", "latency"])
        let aliases = entry.value("aliases") == nil ? [] : try entry.strings("aliases")
        return Model(name: try entry.string("name"), aliases: aliases, latency: try entry.string("latency"))
    }

    static func parseFactor(_ entry: JSONFields) throws -> Factor {
        try entry.rejectUnknown(["name", "description", "keywords"])
        let keywords = try entry.strings("keywords")
        if let upper = keywords.first(where: { $0 != $0.lowercased() }) {
            throw entry.failure("keywords", "'\(upper)' must be lowercase (reasons are compared lowercased)")
        }
        return Factor(name: try entry.string("name"), description: try entry.string("description"), keywords: keywords)
    }

    static func parseOperation(_ entry: JSONFields, _ expected: TestVisibility, _ catalogue: Catalogue) throws -> Operation {
        try entry.rejectUnknown(["id", "visibility", "need", "target", "meets", "decidedBy", "misses", "costsMore"])
        let names = catalogue.models.map(\.name)
        let meets = try entry.strings("meets")
        for model in meets where !names.contains(model) {
            throw entry.failure("meets", "'\(model)' is not a model (models: \(names.joined(separator: ", ")))")
        }
        let decidedBy = try entry.strings("decidedBy")
        for factor in decidedBy where !catalogue.factors.contains(where: { $0.name == factor }) {
            throw entry.failure("decidedBy", "'\(factor)' is not a factor (factors: \(catalogue.factors.map(\.name).joined(separator: ", ")))")
        }
        let misses = Dictionary(uniqueKeysWithValues: try entry.stringMap("misses"))
        let missing = names.filter { !meets.contains($0) }
        guard Set(misses.keys) == Set(missing) else {
            throw entry.failure("misses", "must say what each model outside meets costs, exactly: \(missing.joined(separator: ", "))")
        }
        let costsMore = Dictionary(uniqueKeysWithValues: try entry.stringMap("costsMore"))
        let ordered = names.filter { meets.contains($0) }
        for model in costsMore.keys.sorted() where !ordered.dropFirst().contains(model) {
            throw entry.failure("costsMore", "'\(model)' is not a model that meets the target at more than the cheapest one's cost")
        }
        if entry.value("need") != nil { _ = try entry.string("need") }
        let id = try entry.string("id")
        guard id == id.lowercased(), !id.contains(where: { $0 == " " || $0 == "=" || $0 == "#" }) else {
            throw entry.failure("id", "'\(id)' must be lowercase without spaces, '=' or '#' (answers are read as `id = model ; reason`)")
        }
        return Operation(id: id, visibility: try GradingData.visibility(of: entry, expected: expected),
                         target: try entry.string("target"), meets: ordered, decidedBy: decidedBy, misses: misses, costsMore: costsMore)
    }
}
