import Delivery
import SimKernel
import Workloads

/// Everything `streamlab compare` measures, ready for the table, JSON, CSV and charts.
public struct CompareReport: Sendable, Codable, Equatable {
    public struct Options: Sendable, Codable, Equatable {
        public var scenario: String
        public var seed: UInt64
        public var crashPlan: String
        public var recoveryDelay: String
        /// nil: each batch preset ran on its own schedule.
        public var batchScheduleMicros: Int64?
        public var windowSizeMicros: Int64
        public var watermarkDelayMicros: Int64
        public var inputEvents: Int
    }

    public struct CurvePoint: Sendable, Codable, Equatable {
        public var x: Double
        public var y: Double
    }

    public struct Series: Sendable, Codable, Equatable {
        public var name: String
        public var points: [CurvePoint]
    }

    /// One crash, with what it cost, for the timeline.
    public struct TimelineCrash: Sendable, Codable, Equatable {
        public var run: String
        public var crashSeconds: Double
        public var restartSeconds: Double
        public var caughtUpSeconds: Double?
        public var cause: String
        public var inFlightRecords: Int
    }

    /// Lost inputs (by arrival time) and duplicated outputs (by visibility time), in seconds from the start.
    public struct TimelineMarks: Sendable, Codable, Equatable {
        public var run: String
        public var lostSeconds: [Double]
        public var duplicatedSeconds: [Double]
    }

    /// A preset × guarantee pair that was asked for but that the real
    /// system does not offer: reported, never simulated.
    public struct NotOffered: Sendable, Codable, Equatable {
        public var engine: String
        public var guarantee: String
        public var reason: String
    }

    public struct Claim: Sendable, Codable, Equatable {
        public var name: String
        public var holds: Bool
        public var figures: String
    }

    public var options: Options
    public var rows: [TriadRow]
    public var notOffered: [NotOffered]
    public var sustainable: [SustainableThroughput]
    public var latencyCDF: [Series]
    public var latencyVersusTrigger: [Series]
    public var completenessVersusWatermark: [Series]
    public var crashTimeline: [TimelineCrash]
    public var timelineMarks: [TimelineMarks]
    public var lagUnderBurst: [Series]
    public var claims: [Claim]
}
