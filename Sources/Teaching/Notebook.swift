/// A lesson notebook: Markdown whose ```console blocks are runnable cells.
///
/// Inside a console block a line starting with `$ ` is a command (a trailing
/// `\` continues it on the next line), and the lines up to the next command or
/// the end of the block are its expected output. Everything outside console
/// blocks is prose and is kept byte for byte when `--bless` rewrites a file.
public struct Notebook: Sendable {
    public struct Command: Sendable, Equatable {
        /// The command text without the `$ ` prompt; continuation lines joined with newlines.
        public var text: String
        public var expectedLines: [String]
    }

    public struct Cell: Sendable, Equatable {
        /// 1-based line number of the opening fence, for reports.
        public var fenceLine: Int
        /// Index (0-based) of the first and one past the last body line in `lines`.
        public var bodyRange: Range<Int>
        public var commands: [Command]
    }

    public var path: String
    public var lines: [String]
    public var cells: [Cell]
    /// Whether the source ended with a newline (kept when rewriting).
    public var endsWithNewline: Bool

    public init(path: String, text: String) throws {
        self.path = path
        var split = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { split.removeLast() }
        lines = split
        cells = try Notebook.parseCells(lines, path: path)
    }

    static func parseCells(_ lines: [String], path: String) throws -> [Cell] {
        var cells: [Cell] = []
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("```") else { index += 1; continue }
            let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            guard let close = lines[(index + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" }) else {
                throw InputErrorFactory.make(path, "line \(index + 1)", "code fence is never closed")
            }
            if info == "console" {
                let body = (index + 1)..<close
                cells.append(Cell(fenceLine: index + 1, bodyRange: body, commands: try parseCommands(Array(lines[body]), path: path, firstLine: index + 2)))
            }
            index = close + 1
        }
        return cells
    }

    static func parseCommands(_ body: [String], path: String, firstLine: Int) throws -> [Command] {
        var commands: [Command] = []
        var index = 0
        while index < body.count {
            guard body[index].hasPrefix("$ ") else {
                if commands.isEmpty {
                    throw InputErrorFactory.make(path, "line \(firstLine + index)", "console cell output comes before any `$ ` command")
                }
                commands[commands.count - 1].expectedLines.append(body[index])
                index += 1
                continue
            }
            var text = String(body[index].dropFirst(2))
            while text.hasSuffix("\\"), index + 1 < body.count {
                index += 1
                text += "\n" + body[index]
            }
            commands.append(Command(text: text, expectedLines: []))
            index += 1
        }
        return commands
    }

    /// The notebook's text with the expected output of some commands replaced.
    /// `outputs[cell][command]` is the new output, or nil to keep the old text
    /// (and its wildcards); cells without an entry are kept byte for byte.
    public func rewritten(replacing outputs: [Int: [[String]?]]) -> String {
        var result: [String] = []
        var cursor = 0
        for (cellIndex, cell) in cells.enumerated() {
            result += lines[cursor..<cell.bodyRange.lowerBound]
            if let commandOutputs = outputs[cellIndex] {
                for (command, output) in zip(cell.commands, commandOutputs) {
                    result += command.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { $0.offset == 0 ? "$ " + $0.element : String($0.element) }
                    result += output ?? command.expectedLines
                }
            } else {
                result += lines[cell.bodyRange]
            }
            cursor = cell.bodyRange.upperBound
        }
        result += lines[cursor...]
        return result.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
    }
}

import Foundation
import SimKernel

enum InputErrorFactory {
    static func make(_ file: String, _ field: String, _ reason: String) -> InputError {
        InputError(file: file, field: field, reason: reason)
    }
}
