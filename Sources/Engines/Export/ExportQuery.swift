import SimKernel

/// The query an exported job runs: the replay query of issue 3, section 9
/// (a keyed window with count, sum, min and max over `value`), so the lab's
/// `streamlab replay` can run the very same query on the very same data.
public struct ExportQuery: Sendable, Equatable {
    public enum Window: Sendable, Equatable {
        case tumbling(sizeMillis: Int64)
        case sliding(sizeMillis: Int64, slideMillis: Int64)
        case session(gapMillis: Int64)
    }

    public var window: Window
    public var watermarkDelayMillis: Int64
    /// Flink only (the record engine); Spark has no allowed lateness.
    public var allowedLatenessMillis: Int64
    /// Spark only: "append" or "update".
    public var outputMode: String

    public init(window: Window, watermarkDelayMillis: Int64, allowedLatenessMillis: Int64 = 0, outputMode: String = "append") {
        self.window = window
        self.watermarkDelayMillis = watermarkDelayMillis
        self.allowedLatenessMillis = allowedLatenessMillis
        self.outputMode = outputMode
    }

    static let commandLine = "<command line>"

    /// Parses `tumbling:SIZE`, `sliding:SIZE:SLIDE` or `session:GAP`, in milliseconds.
    public static func parseWindow(_ text: String) throws(InputError) -> Window {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let numbers = parts.dropFirst().compactMap { Int64($0) }.filter { $0 > 0 }
        let invalid = InputError(
            file: commandLine, field: "--window",
            reason: "must be tumbling:SIZE_MS, sliding:SIZE_MS:SLIDE_MS or session:GAP_MS with positive integers, got '\(text)'")
        guard numbers.count == parts.count - 1 else { throw invalid }
        switch (parts[0], numbers.count) {
        case ("tumbling", 1): return .tumbling(sizeMillis: numbers[0])
        case ("sliding", 2):
            // Spark: "The slide duration must be less than or equal to the windowDuration."
            guard numbers[1] <= numbers[0] else {
                throw InputError(file: commandLine, field: "--window", reason: "the slide must not exceed the size (Spark rejects it), got '\(text)'")
            }
            return .sliding(sizeMillis: numbers[0], slideMillis: numbers[1])
        case ("session", 1): return .session(gapMillis: numbers[0])
        default: throw invalid
        }
    }

    /// Checks the combination the target engine accepts.
    public func validate(for target: ExportTarget) throws(InputError) {
        guard watermarkDelayMillis >= 0 else {
            throw InputError(file: Self.commandLine, field: "--watermark-delay-ms", reason: "must be at least 0, got \(watermarkDelayMillis)")
        }
        guard allowedLatenessMillis >= 0 else {
            throw InputError(file: Self.commandLine, field: "--allowed-lateness-ms", reason: "must be at least 0, got \(allowedLatenessMillis)")
        }
        guard outputMode == "append" || outputMode == "update" else {
            throw InputError(file: Self.commandLine, field: "--output-mode", reason: "must be append or update, got '\(outputMode)'")
        }
        // Spark 4.3 rejects update mode for session windows (STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION).
        if target == .spark, outputMode == "update", case .session = window {
            throw InputError(file: Self.commandLine, field: "--output-mode", reason: "Spark does not support update mode with session windows")
        }
    }

    /// `query.json` in the replay format, keys in a fixed order.
    public var json: String {
        let windowJSON: String
        switch window {
        case .tumbling(let size): windowJSON = #"{"type":"tumbling","size_ms":\#(size)}"#
        case .sliding(let size, let slide): windowJSON = #"{"type":"sliding","size_ms":\#(size),"slide_ms":\#(slide)}"#
        case .session(let gap): windowJSON = #"{"type":"session","gap_ms":\#(gap)}"#
        }
        return #"{"window":\#(windowJSON),"watermark_delay_ms":\#(watermarkDelayMillis),"output_mode":"\#(outputMode)","allowed_lateness_ms":\#(allowedLatenessMillis)}"#
            + "\n"
    }
}

/// The real engine an export is for.
public enum ExportTarget: String, CaseIterable, Sendable {
    case spark
    case flink
}
