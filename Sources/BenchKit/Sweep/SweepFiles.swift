import Foundation
import SimKernel

/// Writes the sweep's files: each to a temporary file in the same
/// directory, then renamed, so an interrupted or failed run never leaves
/// a partial file (../shared/DESIGN.md, bad input rules).
public enum SweepFiles {
    public static func writeAtomically(_ text: String, to path: String, field: String) throws(InputError) {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        let parent = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: path, field: field, reason: "the directory '\(parent)' does not exist")
        }
        let temporary = parent + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw InputError(file: path, field: field, reason: "cannot write the file")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw InputError(file: path, field: field, reason: "cannot replace the file")
        }
    }
}
