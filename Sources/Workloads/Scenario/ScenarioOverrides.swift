import SimKernel

/// `--set KEY=VALUE` overrides, applied to the parsed JSON before
/// validation so that they pass exactly the checks a file does.
///
/// A key is a dotted path from the top of the file
/// (`sources.bids.arrivals.rate_per_s`, array items by index). As a
/// shorthand, a path that starts with a source field (`arrivals.rate_per_s`)
/// means that field of the only source; with several sources it must be
/// spelled out. VALUE is read as JSON when it parses (`20000`, `true`,
/// `{"distribution":"none"}`), else as a string (`zipf`).
enum ScenarioOverrides {
    static let file = "--set"

    /// Applies the overrides in sorted key order; returns expanded path → key as typed.
    static func apply(_ overrides: [String: String], to root: inout JSONValue) throws(InputError) -> [(path: String, typed: String)] {
        var applied: [(path: String, typed: String)] = []
        for key in overrides.keys.sorted() {
            let path = try expand(key, root: root)
            let value = (try? JSONValue.parse(overrides[key]!, file: file)) ?? .string(overrides[key]!)
            try set(&root, components: path, value: value, typed: key)
            applied.append((path.joined(separator: "."), key))
        }
        return applied
    }

    static func expand(_ key: String, root: JSONValue) throws(InputError) -> [String] {
        let components = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !components.contains("") else {
            throw InputError(file: file, field: key, reason: "must be a dotted field path such as arrivals.rate_per_s")
        }
        let first = components[0]
        if ScenarioParser.topFields.contains(first) { return components }
        guard ScenarioParser.sourceFields.contains(first) else {
            let hint = FieldReader.closest(to: first, in: ScenarioParser.topFields + ScenarioParser.sourceFields)
                .map { "; did you mean '\($0)'?" } ?? ""
            throw InputError(file: file, field: key, reason: "unknown field\(hint)")
        }
        guard case .object(let top) = root, case .object(let sources)? = top.first(where: { $0.0 == "sources" })?.1 else {
            throw InputError(file: file, field: key, reason: "the scenario has no sources object")
        }
        guard sources.count == 1 else {
            let names = sources.map(\.0).joined(separator: ", ")
            throw InputError(file: file, field: key, reason: "the scenario has several sources (\(names)); write sources.<name>.\(key)")
        }
        return ["sources", sources[0].0] + components
    }

    static func set(_ node: inout JSONValue, components: [String], value: JSONValue, typed: String) throws(InputError) {
        guard let head = components.first else { node = value; return }
        let rest = Array(components.dropFirst())
        switch node {
        case .object(var fields):
            if let index = fields.firstIndex(where: { $0.0 == head }) {
                try set(&fields[index].1, components: rest, value: value, typed: typed)
            } else {
                var child = JSONValue.object([])
                try set(&child, components: rest, value: value, typed: typed)
                fields.append((head, child))
            }
            node = .object(fields)
        case .array(var items):
            guard let index = Int(head), items.indices.contains(index) else {
                throw InputError(file: file, field: typed, reason: "'\(head)' is not an index of the array (0..<\(items.count))")
            }
            try set(&items[index], components: rest, value: value, typed: typed)
            node = .array(items)
        default:
            throw InputError(file: file, field: typed, reason: "'\(head)' goes inside \(node.typeName), which has no fields")
        }
    }

    /// An error about an overridden field is reported against `--set` and the
    /// key as typed; any other against the file.
    static func attribute(_ error: InputError, file path: String, applied: [(path: String, typed: String)]) -> InputError {
        for entry in applied where error.file == path && (error.field == entry.path || error.field.hasPrefix(entry.path + ".")) {
            let suffix = error.field.dropFirst(entry.path.count)
            return InputError(file: file, field: entry.typed + suffix, reason: error.reason)
        }
        return error
    }
}
