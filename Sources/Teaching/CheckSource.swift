import Foundation

/// The checks an exercise declares, read from its test sources so that a
/// submission that does not compile still lists every check (with score 0),
/// and the maximum score never depends on the student's code.
public enum CheckSource {
    public struct Declared: Sendable, Equatable {
        public var name: String
        public var visibility: TestVisibility
        public var code: String
    }

    public static func checks(in exercise: ExerciseDefinition) -> [Declared] {
        declared(in: exercise.directory + "/tests/visible.swift", visibility: .visible)
            + declared(in: exercise.directory + "/tests/hidden.swift", visibility: .hidden)
    }

    static func declared(in path: String, visibility: TestVisibility) -> [Declared] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let pieces = text.components(separatedBy: "    Check(\"").dropFirst()
        return pieces.compactMap { piece in
            guard let quote = piece.firstIndex(of: "\"") else { return nil }
            let body = piece.components(separatedBy: "\n]").first ?? piece
            return Declared(name: String(piece[..<quote]), visibility: visibility, code: "Check(\"" + body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

enum Toolchain {
    /// `swiftc` from STREAMLAB_SWIFTC, else the first on PATH.
    static func swiftc() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["STREAMLAB_SWIFTC"], !configured.isEmpty { return configured }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = directory + "/swiftc"
            if FileManager.default.isExecutableFile(atPath: String(candidate)) { return String(candidate) }
        }
        throw ChildProcessError.spawnFailed("swiftc not found on PATH (set STREAMLAB_SWIFTC)")
    }

    /// The toolchain's install root outside /usr (e.g. /opt/swift for
    /// /opt/swift/usr/bin/swiftc), which the sandbox must show read-only.
    static func roots() -> [String] {
        guard let swiftc = try? swiftc() else { return [] }
        let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path
        guard let range = resolved.range(of: "/usr/bin/") else { return [] }
        let root = String(resolved[..<range.lowerBound])
        return root.isEmpty ? [] : [root]
    }
}

enum TemporaryDirectory {
    static func make(prefix: String, in parent: String = NSTemporaryDirectory()) throws -> String {
        var template = Array((parent as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw ChildProcessError.spawnFailed("mkdtemp failed") }
        return String(cString: created)
    }
}
