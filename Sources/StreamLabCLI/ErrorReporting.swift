import ArgumentParser
import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way every subcommand reports bad input.
///
/// DESIGN.md, "Style": user errors get a one-line message that names the file,
/// the field and the reason, and the named exit code 2. A command wraps its
/// body in `withInputErrorsReported { … }`; an `InputError` escaping the body
/// is printed as its `description` on standard error (no stack trace, no usage
/// text) and the process exits with `InputError.exitCode`. Any other error is
/// left to swift-argument-parser, which handles `ExitCode` and validation
/// errors itself.
enum ErrorReporting {
    /// Writes one line to standard error, unbuffered, so it is never
    /// interleaved with or lost behind buffered standard output.
    static func printError(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Prints `error` and returns the exit code the command should throw.
    static func report(_ error: InputError) -> ExitCode {
        fflush(nil)  // all C streams: anything printed before the error comes first
        printError(error.description)
        return ExitCode(InputError.exitCode)
    }
}

/// Runs `body`; an `InputError` becomes one line on standard error and exit
/// code 2 (see `ErrorReporting`).
func withInputErrorsReported<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error as InputError {
        throw ErrorReporting.report(error)
    }
}
