/// Machine-made mutants of an exercise's reference: each is the reference
/// with one small change of the kind students make. The operators:
///
/// | operator | change |
/// |---|---|
/// | `ROR` | a comparison swapped: `<` and `<=`, `>` and `>=`, `==` and `!=` |
/// | `CRP` | an integer constant changed by +1 or -1 |
/// | `DIV` | truncating `/` and `%` replaced by floor division and a non-negative remainder |
/// | `ABS` | `abs` inserted around a remainder or a difference |
/// | `FLD` | one field swapped for a sibling: event time and arrival time, window start and end, key and id |
/// | `SDL` | a statement deleted |
/// | `NEG` | a branch condition negated (`if`, `guard`, `while`) |
/// | `AOR` | `+` and `-` swapped |
/// | `LCR` | `&&` and `||` swapped |
/// | `FNS` | `min(` and `max(` swapped |
///
/// The generator reads the source line by line, outside comments and string
/// literals; binary operators are recognised by the spaces Swift requires
/// around them, so generic brackets (`Set<Int>`) are never mutated. A mutant
/// that does not compile is "stillborn" and does not count.
public struct Mutant: Sendable, Equatable {
    /// Stable while the reference is unchanged: `ROR:12:18:<=`.
    public var id: String
    public var operatorName: String
    public var line: Int
    /// `x < y` → `x <= y`, as shown in reports.
    public var change: String
    public var source: String
}

public enum MutantGenerator {
    /// Helpers the DIV and ABS mutants call, appended to those mutants only.
    static let helpers = """

    // Mutation helpers (StreamLab's mutation tool).
    infix operator /~ : MultiplicationPrecedence
    infix operator %~ : MultiplicationPrecedence
    infix operator %| : MultiplicationPrecedence
    infix operator -| : AdditionPrecedence
    func /~ <T: BinaryInteger>(lhs: T, rhs: T) -> T {
        let quotient = lhs / rhs
        return (lhs % rhs != 0 && (lhs < 0) != (rhs < 0)) ? quotient - 1 : quotient
    }
    func %~ <T: BinaryInteger>(lhs: T, rhs: T) -> T { let r = lhs % rhs; return r < 0 ? r + (rhs < 0 ? -rhs : rhs) : r }
    func %| <T: BinaryInteger & SignedNumeric>(lhs: T, rhs: T) -> T { abs(lhs % rhs) }
    func -| <T: SignedNumeric & Comparable>(lhs: T, rhs: T) -> T { abs(lhs - rhs) }

    """

    public static func mutants(of source: String) -> [Mutant] {
        let lines = source.components(separatedBy: "\n")
        var result: [Mutant] = []
        var inBlockComment = false
        for (index, line) in lines.enumerated() {
            let masked = mask(line, inBlockComment: &inBlockComment)
            for (column, replacement, operatorName, usesHelpers) in lineMutations(masked) {
                var mutated = lines
                let original = line
                let start = original.index(original.startIndex, offsetBy: column.lowerBound)
                let end = original.index(original.startIndex, offsetBy: column.upperBound)
                let text = operatorName == "NEG" ? "!(" + String(original[start..<end]) + ")" : replacement
                mutated[index] = String(original[..<start]) + text + String(original[end...])
                let before = String(original[start..<end]).trimmingCharacters(in: .whitespaces)
                let after = text.trimmingCharacters(in: .whitespaces)
                result.append(Mutant(
                    id: "\(operatorName):\(index + 1):\(column.lowerBound + 1):\(after.isEmpty ? "deleted" : after)",
                    operatorName: operatorName, line: index + 1,
                    change: after.isEmpty ? "deleted `\(before)`" : "`\(before)` → `\(after)`",
                    source: mutated.joined(separator: "\n") + (usesHelpers ? helpers : "")))
            }
        }
        return result
    }

    /// The line with comments and string-literal contents replaced by spaces
    /// (same length, so columns still match the original).
    static func mask(_ line: String, inBlockComment: inout Bool) -> String {
        var output: [Character] = []
        let characters = Array(line)
        var index = 0
        var inString = false
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if inBlockComment {
                if character == "*" && next == "/" { inBlockComment = false; output += "  "; index += 2; continue }
                output.append(" "); index += 1; continue
            }
            if inString {
                if character == "\\" { output += "  "; index += 2; continue }
                if character == "\"" { inString = false; output.append("\"") } else { output.append(" ") }
                index += 1; continue
            }
            if character == "/" && next == "/" { output += Array(repeating: " ", count: characters.count - index); break }
            if character == "/" && next == "*" { inBlockComment = true; output += "  "; index += 2; continue }
            if character == "\"" { inString = true }
            output.append(character)
            index += 1
        }
        return String(output.prefix(characters.count))
    }

    typealias LineMutation = (Range<Int>, String, String, Bool)

    static func lineMutations(_ masked: String) -> [LineMutation] {
        let characters = Array(masked)
        var found: [LineMutation] = []
        // ROR, DIV, ABS: binary operators with a space on each side.
        let swaps: [String: (String, String, Bool)] = [
            "<": ("<=", "ROR", false), "<=": ("<", "ROR", false), ">": (">=", "ROR", false), ">=": (">", "ROR", false),
            "==": ("!=", "ROR", false), "!=": ("==", "ROR", false),
        ]
        var index = 0
        while index < characters.count {
            guard characters[index] == " " else { index += 1; continue }
            var end = index + 1
            while end < characters.count, "<>=!/%-+*&|".contains(characters[end]) { end += 1 }
            guard end > index + 1, end < characters.count, characters[end] == " " else { index += 1; continue }
            let symbol = String(characters[(index + 1)..<end])
            let range = (index + 1)..<end
            if let (replacement, name, helpers) = swaps[symbol] { found.append((range, replacement, name, helpers)) }
            if symbol == "/" { found.append((range, "/~", "DIV", true)) }
            if symbol == "%" {
                found.append((range, "%~", "DIV", true))
                found.append((range, "%|", "ABS", true))
            }
            if symbol == "-" {
                found.append((range, "-|", "ABS", true))
                found.append((range, "+", "AOR", false))
            }
            if symbol == "+" { found.append((range, "-", "AOR", false)) }
            if symbol == "&&" { found.append((range, "||", "LCR", false)) }
            if symbol == "||" { found.append((range, "&&", "LCR", false)) }
            index = end
        }
        // CRP: integer literals that are whole tokens.
        index = 0
        while index < characters.count {
            let character = characters[index]
            let previous = index > 0 ? characters[index - 1] : " "
            guard character.isNumber, !(previous.isLetter || previous.isNumber || previous == "_" || previous == ".") else { index += 1; continue }
            var end = index
            while end < characters.count, characters[end].isNumber || characters[end] == "_" { end += 1 }
            let following = end < characters.count ? characters[end] : " "
            if !(following.isLetter || following == "." || following == "_"), let value = Int64(String(characters[index..<end]).replacingOccurrences(of: "_", with: "")) {
                found.append((index..<end, String(value + 1), "CRP", false))
                found.append((index..<end, value == 0 ? "(-1)" : String(value - 1), "CRP", false))
            }
            index = end
        }
        // FLD: sibling fields.
        let siblings = [("eventTimeMicros", "arrivalTimeMicros"), ("arrivalTimeMicros", "eventTimeMicros"),
                        ("startMicros", "endMicros"), ("endMicros", "startMicros"), ("key", "id"), ("id", "key")]
        for (field, sibling) in siblings {
            var searchStart = 0
            let text = String(characters)
            while let range = text.range(of: "." + field, range: text.index(text.startIndex, offsetBy: searchStart)..<text.endIndex) {
                let lower = text.distance(from: text.startIndex, to: range.lowerBound) + 1
                let upper = text.distance(from: text.startIndex, to: range.upperBound)
                let after = upper < characters.count ? characters[upper] : " "
                if !(after.isLetter || after.isNumber || after == "_") { found.append((lower..<upper, sibling, "FLD", false)) }
                searchStart = upper
            }
        }
        // FNS: min and max swapped (as a call or a member: `Swift.min(`, `.max(`).
        for (function, other) in [("min(", "max("), ("max(", "min(")] {
            let text = String(characters)
            var searchStart = text.startIndex
            while let range = text.range(of: function, range: searchStart..<text.endIndex) {
                let lower = text.distance(from: text.startIndex, to: range.lowerBound)
                let before = lower > 0 ? characters[lower - 1] : " "
                if !(before.isLetter || before.isNumber || before == "_") {
                    found.append((lower..<(lower + function.count), other, "FNS", false))
                }
                searchStart = range.upperBound
            }
        }
        found += statementDeletion(masked) + negation(masked)
        return found
    }

    /// SDL: a whole line that is one statement (not a declaration, a block
    /// opener or closer, or a return).
    static func statementDeletion(_ masked: String) -> [LineMutation] {
        let trimmed = masked.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let keywords = ["let ", "var ", "func ", "struct ", "class ", "enum ", "init", "if ", "guard ", "for ", "while ", "switch ", "case ",
                        "default", "return", "else", "}", "{", "import ", "private ", "static ", "mutating ", "@", "typealias ", "extension ",
                        "fileprivate ", "public ", "final ", "deinit", "repeat", "break", "continue", "#"]
        guard !keywords.contains(where: { trimmed.hasPrefix($0) }), !trimmed.hasSuffix("{"), !trimmed.hasSuffix("("),
              !trimmed.hasSuffix(","), !trimmed.hasSuffix("["), balanced(trimmed) else { return [] }
        let start = masked.count - masked.drop { $0 == " " }.count
        return [(start..<(start + trimmed.count), "", "SDL", false)]
    }

    /// NEG: `if c {`, `guard c else`, `while c {` with the condition wrapped
    /// in `!( )`; `if let`/`case` conditions are left alone.
    static func negation(_ masked: String) -> [LineMutation] {
        let characters = Array(masked)
        var found: [LineMutation] = []
        for keyword in ["if ", "guard ", "while "] {
            var searchFrom = 0
            let text = String(characters)
            while let range = text.range(of: keyword, range: text.index(text.startIndex, offsetBy: searchFrom)..<text.endIndex) {
                let start = text.distance(from: text.startIndex, to: range.upperBound)
                let before = start - keyword.count - 1
                searchFrom = start
                if before >= 0, characters[before].isLetter || characters[before].isNumber || characters[before] == "_" { continue }
                var depth = 0
                var end = start
                let terminator: String = keyword == "guard " ? " else" : " {"
                var matched = false
                while end < characters.count {
                    let character = characters[end]
                    if "([".contains(character) { depth += 1 }
                    if ")]".contains(character) { depth -= 1 }
                    if depth == 0, String(characters[end...]).hasPrefix(terminator) { matched = true; break }
                    if depth == 0, character == "{" { break }
                    end += 1
                }
                guard matched, end > start else { continue }
                let condition = String(characters[start..<end])
                if condition.hasPrefix("let ") || condition.hasPrefix("var ") || condition.hasPrefix("case ") || condition.contains(", let ")
                    || condition.contains(", var ") || condition.contains(",") { continue }
                found.append((start..<end, "!(" + condition + ")", "NEG", false))
            }
        }
        return found
    }

    static func balanced(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }
}
