// The checker: runs one of an exercise's checks in the grader's trusted
// process. It holds the checks, the expected values and the diagnoses; the
// student's code runs in another, sandboxed process and is reached only
// through StudentLink (see shared/Wire.swift).
//
// Protocol with the grader (Sources/Teaching/SwiftExerciseRunner.swift):
//   `checks --list`   prints one line per check: `visible<TAB>name` or `hidden<TAB>name`
//   `checks --run N`  runs check N and ends with `@@streamlab-check PASS`,
//                     `@@streamlab-check FAIL<TAB>message` (newlines as \n) or
//                     `@@streamlab-check NORESULT<TAB>reason` (the student's
//                     program gave no answer)
// Only this program writes to the grader's result pipe; the student's program
// cannot reach it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    static let marker = "@@streamlab-check "

    static func main(visible: [Check], hidden: [Check]) {
        // A student's program that dies mid-call closes its pipe; a write to
        // it must fail with EPIPE (a NORESULT), not kill the checker.
        signal(SIGPIPE, SIG_IGN)
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
            print(marker + "FAIL\t" + message.replacingAll("\n", with: "\\n"))
        } else {
            print(marker + "PASS")
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
