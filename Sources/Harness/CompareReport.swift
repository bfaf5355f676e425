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
        /// A claim holds or fails only when the run shows what it is about: a
        /// run in which no SKU sold out cannot show anyone overselling, so
        /// the overselling claims are not observable there rather than failed.
        public enum Verdict: String, Sendable, Codable, Equatable {
            case holds
            case fails = "FAILS"
            case notObservable = "not observable"
        }
        public var name: String
        public var verdict: Verdict
        public var figures: String

        public init(name: String, holds: Bool, figures: String) {
            self.init(name: name, verdict: holds ? .holds : .fails, figures: figures)
        }

        public init(name: String, verdict: Verdict, figures: String) {
            self.name = name
            self.verdict = verdict
            self.figures = figures
        }
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
