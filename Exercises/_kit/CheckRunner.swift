// Runs an exercise's checks in the child process the grader starts.
//
// Protocol with the grader (Sources/Teaching/SwiftExerciseRunner.swift):
//   `checks --list`   prints one line per check: `visible<TAB>name` or `hidden<TAB>name`
//   `checks --run N`  runs check N and ends with `@@streamlab-check PASS` or
//                     `@@streamlab-check FAIL<TAB>message` (newlines as \n)
// Each check runs in its own process, so a crash or a hang in one check only
// costs that check.

/// One graded check. `run` returns nil when the student's code is right, or a
/// message that names the misconception when it is not.
struct Check {
    var name: String
    var run: () -> String?

    init(_ name: String, _ run: @escaping () -> String?) {
        self.name = name
        self.run = run
    }
}

enum CheckRunner {
    static func main(visible: [Check], hidden: [Check]) {
        let all = visible.map { ("visible", $0) } + hidden.map { ("hidden", $0) }
        let arguments = CommandLine.arguments
        if arguments.count == 2 && arguments[1] == "--list" {
            for (visibility, check) in all { print("\(visibility)\t\(check.name)") }
            return
        }
        guard arguments.count == 3, arguments[1] == "--run", let index = Int(arguments[2]), all.indices.contains(index) else {
            print("usage: checks --list | --run N")
            return
        }
        let message = all[index].1.run()
        if let message {
            print("@@streamlab-check FAIL\t" + message.replacingAll("\n", with: "\\n"))
        } else {
            print("@@streamlab-check PASS")
        }
    }
}

extension String {
    /// Foundation-free replacement, so the kit compiles without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}

/// Shorthand for checks: nil when equal, else the message.
func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ message: @autoclosure () -> String) -> String? {
    actual == expected ? nil : message()
}
