/// The wildcard rules of expected output (the ones trycmd and cargo's test
/// support use): a line that is exactly `...` matches any run of lines,
/// including none, and `[..]` inside a line matches any run of characters.
public enum OutputPattern {
    public static let anyLines = "..."
    public static let anyText = "[..]"

    /// Whether one expected line matches one actual line.
    public static func lineMatches(expected: String, actual: String) -> Bool {
        guard expected.contains(anyText) else { return expected == actual }
        let parts = expected.components(separatedBy: anyText)
        var remainder = Substring(actual)
        guard remainder.hasPrefix(parts[0]) else { return false }
        remainder = remainder.dropFirst(parts[0].count)
        // Middle pieces match leftmost (safe for `*`-style globs); the last must be a suffix.
        for part in parts.dropFirst().dropLast() {
            guard let found = remainder.range(of: part) else { return false }
            remainder = remainder[found.upperBound...]
        }
        let last = parts[parts.count - 1]
        return remainder.count >= last.count && remainder.hasSuffix(last)
    }

    /// Whether all expected lines match all actual lines.
    public static func matches(expected: [String], actual: [String]) -> Bool {
        LineAlignment(expected: expected, actual: actual).editCount == 0
    }
}

/// A minimum-edit alignment of expected against actual lines in which `...`
/// absorbs any run of actual lines for free. Used both to decide a match and
/// to print the diff, so the diff never disagrees with the verdict.
struct LineAlignment {
    enum Step: Equatable {
        case same(String)
        case wildcard         // the `...` line itself
        case skipped(String)  // an actual line absorbed by `...`
        case removed(String)  // expected, not produced
        case added(String)    // produced, not expected
    }

    let steps: [Step]
    let editCount: Int

    init(expected: [String], actual: [String]) {
        let rows = expected.count, columns = actual.count
        // cost[i][j]: fewest edits to align expected[i...] with actual[j...].
        var cost = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in stride(from: rows, through: 0, by: -1) {
            for j in stride(from: columns, through: 0, by: -1) {
                cost[i][j] = LineAlignment.bestCost(i, j, expected, actual, cost)
            }
        }
        editCount = cost[0][0]
        steps = LineAlignment.walk(expected, actual, cost)
    }

    private static func bestCost(_ i: Int, _ j: Int, _ expected: [String], _ actual: [String], _ cost: [[Int]]) -> Int {
        if i == expected.count && j == actual.count { return 0 }
        var best = Int.max
        if i < expected.count && expected[i] == OutputPattern.anyLines {
            best = cost[i + 1][j]
            if j < actual.count { best = min(best, cost[i][j + 1]) }
            return best
        }
        if i < expected.count && j < actual.count && OutputPattern.lineMatches(expected: expected[i], actual: actual[j]) {
            best = cost[i + 1][j + 1]
        }
        if i < expected.count { best = min(best, cost[i + 1][j] + 1) }
        if j < actual.count { best = min(best, cost[i][j + 1] + 1) }
        return best
    }

    private static func walk(_ expected: [String], _ actual: [String], _ cost: [[Int]]) -> [Step] {
        var steps: [Step] = []
        var i = 0, j = 0
        while i < expected.count || j < actual.count {
            let here = cost[i][j]
            if i < expected.count && expected[i] == OutputPattern.anyLines {
                if cost[i + 1][j] == here { steps.append(.wildcard); i += 1 } else { steps.append(.skipped(actual[j])); j += 1 }
            } else if i < expected.count && j < actual.count && OutputPattern.lineMatches(expected: expected[i], actual: actual[j]) && cost[i + 1][j + 1] == here {
                steps.append(.same(actual[j])); i += 1; j += 1
            } else if i < expected.count && cost[i + 1][j] + 1 == here {
                steps.append(.removed(expected[i])); i += 1
            } else {
                steps.append(.added(actual[j])); j += 1
            }
        }
        return steps
    }

    /// A unified-style diff: `-` expected, `+` actual, two lines of context
    /// around each change, `@@` between distant hunks.
    func unifiedDiff(context: Int = 2) -> [String] {
        let changed = steps.indices.filter {
            switch steps[$0] { case .removed, .added: return true; default: return false }
        }
        var shown = Set<Int>()
        for index in changed { for k in max(0, index - context)...min(steps.count - 1, index + context) { shown.insert(k) } }
        var result = ["--- expected", "+++ actual"]
        var previous = -2
        var expectedLine = 1, actualLine = 1
        for (index, step) in steps.enumerated() {
            if shown.contains(index) {
                if index != previous + 1 { result.append("@@ -\(expectedLine) +\(actualLine) @@") }
                previous = index
                switch step {
                case .same(let line), .skipped(let line): result.append(" " + line)
                case .wildcard: result.append(" " + OutputPattern.anyLines)
                case .removed(let line): result.append("-" + line)
                case .added(let line): result.append("+" + line)
                }
            }
            switch step {
            case .same: expectedLine += 1; actualLine += 1
            case .wildcard, .removed: expectedLine += 1
            case .skipped, .added: actualLine += 1
            }
        }
        return result
    }
}
