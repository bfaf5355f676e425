import ArgumentParser
import SimKernel

/// Duration flags are typed: parsed once, here at the edge, in the lab's one
/// grammar (`DurationText`: `250ms`, `1.5s`, `90m`, `2d`). A value that does
/// not parse is a command-line error (one line, exit 2).
extension SimKernel.Duration: ExpressibleByArgument {
    public init?(argument: String) {
        guard let parsed = try? DurationText.parse(argument) else { return nil }
        self = parsed
    }

    public var defaultValueDescription: String { DurationText.format(self) }
}
