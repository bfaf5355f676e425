#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reading a student's file: only a regular file inside the submission
/// folder, never through a symbolic link. A submission holding a link to
/// `reference/WindowAssigner.swift` (or a linked folder) would otherwise make
/// the grader, which can read the instructor's copy, hand the reference in.
enum SubmissionFile {
    enum Refusal: Error, CustomStringConvertible {
        case missing(String)
        case notRegular(String)
        case outside(String)
        case tooLarge(String, Int, Int)

        var description: String {
            switch self {
            case .missing(let name): return "\(name) does not exist"
            case .notRegular(let name): return "\(name) is not a regular file (a symbolic link or a folder); submit the file itself"
            case .outside(let name): return "\(name) is reached through a symbolic link out of the submission; submit the file itself"
            case .tooLarge(let name, let size, let limit): return "\(name) is \(size / 1024) KiB; the grader accepts files up to \(limit / 1024) KiB"
            }
        }
    }

    /// The file's bytes, or why they are refused.
    static func contents(_ path: String, limitBytes: Int) throws(Refusal) -> Data {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .missing(name) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegular(name) }
        guard Int(info.st_size) <= limitBytes else { throw .tooLarge(name, Int(info.st_size), limitBytes) }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .notRegular(name) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Bounded: stops at end of file or one byte past the limit.
        while data.count <= limitBytes {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        guard data.count <= limitBytes else { throw .tooLarge(name, data.count, limitBytes) }
        return data
    }

    /// Whether `path`, with every link resolved, is still inside `directory`.
    static func isInside(_ path: String, directory: String) -> Bool {
        guard let resolvedFile = realpath(path, nil), let resolvedDirectory = realpath(directory, nil) else { return false }
        defer { free(resolvedFile); free(resolvedDirectory) }
        let file = String(cString: resolvedFile), folder = String(cString: resolvedDirectory)
        return file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
