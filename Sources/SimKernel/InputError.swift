/// A user error: bad input that StreamLab reports in one line, naming the
/// file, the field and the reason, and answers with exit code 2.
///
/// Programmer errors use `precondition` instead; an `InputError` is never a
/// bug in StreamLab, always something the user can fix.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or `"<command line>"`) the bad value came from.
    public var file: String
    /// A dotted path to the field, such as `arrivals.rate_per_s`.
    public var field: String
    public var reason: String

    public init(file: String, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// The single line printed to standard error. An error about the whole
    /// file (unreadable, not JSON) has no field and prints none.
    public var description: String {
        field.isEmpty ? "error: \(file): \(reason)" : "error: \(file): \(field): \(reason)"
    }

    /// The same error, attributed to another file (used when a parser that
    /// does not know its file name reports a field error).
    public func `in`(file: String) -> InputError {
        InputError(file: file, field: field, reason: reason)
    }

    /// The same error with a parent path prefixed to its field.
    public func nested(under parent: String) -> InputError {
        InputError(file: file, field: field.isEmpty ? parent : "\(parent).\(field)", reason: reason)
    }

    /// The exit code for bad input (the named code of ../shared/DESIGN.md).
    public static let exitCode: Int32 = 2
}
