import Foundation
import SimKernel

/// Finds, reads and validates scenario files.
///
/// A name is looked up as `<datasets>/scenarios/<name>.json`, where
/// `<datasets>` is `$STREAMLAB_DATASETS` if set, else the first `Datasets`
/// folder holding `scenarios/` found walking up from the running
/// executable's directory, then from the current directory. An argument
/// ending in `.json` is read as a path.
public enum ScenarioCatalog {
    /// The datasets directory, or nil when none is found.
    public static func datasetsDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["STREAMLAB_DATASETS"], !configured.isEmpty { return configured }
        // argv[0] is a bare name when streamlab is found through PATH; the bundle's path is the real file.
        let executable = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let starts = [executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for start in starts {
            var directory = start.standardizedFileURL
            // Bounded by the path's depth.
            for _ in 0..<64 {
                let candidate = directory.appendingPathComponent("Datasets")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("scenarios").path) { return candidate.path }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    static func scenariosDirectory() throws(InputError) -> String {
        guard let datasets = datasetsDirectory() else {
            throw InputError(
                file: "Datasets/scenarios", field: "STREAMLAB_DATASETS",
                reason: "no Datasets/scenarios folder found above the executable or the current directory; set STREAMLAB_DATASETS")
        }
        return datasets + "/scenarios"
    }

    /// The built-in scenario names, sorted.
    public static func builtInNames() -> [String] {
        guard let directory = try? scenariosDirectory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads a scenario by name or path, applying `--set` overrides
    /// (`"arrivals.rate_per_s": "20000"`), which are validated like the file.
    public static func load(_ nameOrPath: String, overrides: [String: String] = [:]) throws(InputError) -> Scenario {
        let path = try resolve(nameOrPath)
        let text = try readText(path)
        var root = try JSONValue.parse(text, file: path)
        let applied = try ScenarioOverrides.apply(overrides, to: &root)
        var parser = ScenarioParser(file: path, directory: (path as NSString).deletingLastPathComponent)
        do {
            return try parser.parse(root)
        } catch {
            throw ScenarioOverrides.attribute(error, file: path, applied: applied)
        }
    }

    static func resolve(_ nameOrPath: String) throws(InputError) -> String {
        if nameOrPath.hasSuffix(".json") { return nameOrPath }
        let directory = try scenariosDirectory()
        let names = builtInNames()
        guard names.contains(nameOrPath) else {
            let hint = FieldReader.closest(to: nameOrPath, in: names).map { "; did you mean '\($0)'?" } ?? ""
            throw InputError(
                file: directory, field: nameOrPath,
                reason: "unknown scenario\(hint) (known: \(names.joined(separator: ", ")))")
        }
        return "\(directory)/\(nameOrPath).json"
    }

    static func readText(_ path: String) throws(InputError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, field: "(file)", reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, field: "(file)", reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, field: "(file)", reason: "is not UTF-8 text")
        }
        return text
    }
}
