import Delivery
import SimKernel
import Workloads

/// Correctness of one run against the oracle.
public struct CorrectnessReport: Equatable, Sendable, Codable {
    /// Input events with no visible output.
    public var eventsLost: Int
    /// Extra visible copies of per-event outputs (a reader saw them twice).
    public var eventsDuplicated: Int
    /// Per-event outputs whose final value differs from the oracle's running total.
    public var eventValuesWrong: Int
    public var windowsCorrect: Int
    public var windowsWrong: Int
    public var windowsMissing: Int
    /// Extra visible copies of window results.
    public var windowsDuplicated: Int

    public var windowTotal: Int { windowsCorrect + windowsWrong + windowsMissing }
    public var windowCompleteness: Double { windowTotal == 0 ? 1 : Double(windowsCorrect) / Double(windowTotal) }

    public init(eventsLost: Int, eventsDuplicated: Int, eventValuesWrong: Int, windowsCorrect: Int, windowsWrong: Int,
                windowsMissing: Int, windowsDuplicated: Int) {
        self.eventsLost = eventsLost
        self.eventsDuplicated = eventsDuplicated
        self.eventValuesWrong = eventValuesWrong
        self.windowsCorrect = windowsCorrect
        self.windowsWrong = windowsWrong
        self.windowsMissing = windowsMissing
        self.windowsDuplicated = windowsDuplicated
    }
}
