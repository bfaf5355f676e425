import Dataflow
import Foundation
import SimKernel
import Workloads

/// Finds pattern files: a name is `<datasets>/patterns/<name>.json` (the
/// datasets folder `ScenarioCatalog` finds), an argument ending in `.json`
/// is read as a path.
public enum PatternCatalog {
    public static func builtInNames() -> [String] {
        guard let datasets = ScenarioCatalog.datasetsDirectory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: datasets + "/patterns") else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The pattern file and the path it was read from.
    public static func load(_ nameOrPath: String) throws(InputError) -> (file: PatternFile, path: String) {
        let path: String
        if nameOrPath.hasSuffix(".json") {
            path = nameOrPath
        } else {
            guard let datasets = ScenarioCatalog.datasetsDirectory() else {
                throw InputError(file: "Datasets/patterns", field: "STREAMLAB_DATASETS",
                                 reason: "no Datasets folder found above the executable or the current directory; set STREAMLAB_DATASETS")
            }
            path = datasets + "/patterns/" + nameOrPath + ".json"
            guard FileManager.default.fileExists(atPath: path) else {
                let known = builtInNames().joined(separator: ", ")
                throw InputError(file: "<command line>", field: "--pattern",
                                 reason: "no pattern named '\(nameOrPath)' (known: \(known); or give a .json file)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, field: "", reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, field: "", reason: "not UTF-8 text") }
        return (try PatternFile.parse(text, file: path), path)
    }
}
