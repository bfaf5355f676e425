import Engines
import SimKernel

// MARK: - Loading the data files

extension SystemChoiceGrader {
    static let dataFile = "systems.json"
    static let hiddenFile = "needs.json"

    /// `systems.json` next to the exercise (the measured latencies, the
    /// factors, the visible needs), plus the hidden needs from
    /// `grading/needs.json` when the folder is there (see `GradingData`).
    static func load(_ exercise: ExerciseDefinition) throws -> Data {
        let visible = try GradingData.object(at: exercise.directory + "/" + dataFile)
        try visible.rejectUnknown(["about", "command", "latencies", "factors", "needs"])
        var data = Data(p99Millis: [:], command: try visible.string("command"),
                        factors: try visible.objects("factors").map(ClassificationGrader.parseFactor), needs: [])
        for entry in try visible.objects("latencies") {
            try entry.rejectUnknown(["system", "guarantee", "p99_ms"])
            let preset = try preset(entry)
            let guarantee = try guaranteeField(entry, "guarantee")
            guard offers(preset, guarantee) else { throw entry.failure("guarantee", "\(preset.name) does not offer \(guarantee.rawValue)") }
            guard case .number(let p99)? = entry.value("p99_ms"), p99 >= 0 else { throw entry.failure("p99_ms", "must be a number of ms, at least 0") }
            let key = "\(preset.name)/\(guarantee.rawValue)"
            guard data.p99Millis.updateValue(p99, forKey: key) == nil else { throw entry.failure("system", "\(key) is listed twice") }
        }
        data.needs = try visible.objects("needs").map { try parseNeed($0, .visible, data) }
        if let hiddenPath = GradingData.instructorFile(hiddenFile, of: exercise) {
            let hidden = try GradingData.object(at: hiddenPath)
            try hidden.rejectUnknown(["about", "needs"])
            data.needs += try hidden.objects("needs").map { try parseNeed($0, .hidden, data) }
        }
        try ClassificationGrader.checkUnique(data.needs.map(\.id), in: visible, field: "needs")
        return data
    }

    static func preset(_ entry: JSONFields) throws -> Preset {
        let name = try entry.string("system")
        guard let preset = try? PresetRegistry.preset(named: name) else {
            throw entry.failure("system", "'\(name)' is not a preset (\(PresetRegistry.names.joined(separator: ", ")))")
        }
        return preset
    }

    static func guaranteeField(_ entry: JSONFields, _ name: String) throws -> Guarantee {
        let text = try entry.string(name)
        guard let guarantee = Guarantee(rawValue: text) else {
            throw entry.failure(name, "'\(text)' is not a guarantee (\(Guarantee.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return guarantee
    }

    static func parseNeed(_ entry: JSONFields, _ expected: TestVisibility, _ data: Data) throws -> Need {
        try entry.rejectUnknown(["id", "visibility", "need", "guarantee", "target", "target_ms", "decidedBy"])
        let decidedBy = try entry.strings("decidedBy")
        for factor in decidedBy where !data.factors.contains(where: { $0.name == factor }) {
            throw entry.failure("decidedBy", "'\(factor)' is not a factor (factors: \(data.factors.map(\.name).joined(separator: ", ")))")
        }
        guard case .number(let target)? = entry.value("target_ms"), target > 0 else {
            throw entry.failure("target_ms", "must be a positive number of ms")
        }
        _ = try entry.string("need")
        let id = try entry.string("id")
        guard id == id.lowercased(), !id.contains(where: { $0 == " " || $0 == "=" || $0 == "#" }) else {
            throw entry.failure("id", "'\(id)' must be lowercase without spaces, '=' or '#' (answers are read as `id = system guarantee ; reason`)")
        }
        let need = Need(id: id, visibility: try GradingData.visibility(of: entry, expected: expected), guarantee: try guaranteeField(entry, "guarantee"),
                        targetMillis: target, target: try entry.string("target"), decidedBy: decidedBy)
        guard !meeting(need, data).isEmpty else { throw entry.failure("target_ms", "no system meets this need in the measured latencies") }
        return need
    }
}
