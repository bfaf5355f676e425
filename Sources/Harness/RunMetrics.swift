import Delivery
import SimKernel
import Workloads

/// The triad for one run: throughput, latency, correctness, plus recovery.
///
/// Latency follows Karimov et al. (ICDE 2018): event-time latency runs from
/// the event's creation to the output becoming visible, processing-time
/// latency from its arrival (ingestion) to then; a window's is measured from
/// its latest event. Only an identity's *first* visibility counts, so a
/// duplicate does not make a run look faster or slower.
public struct RunMetrics: Equatable, Sendable, Codable {
    public var engine: String
    public var guarantee: String
    public var crashPlan: String
    public var inputEvents: Int
    /// Input events with an output, per second of simulated time from the first
    /// arrival to the end of the run.
    public var throughputEventsPerSecond: Double
    public var eventTimeLatency: LatencySummary
    public var processingTimeLatency: LatencySummary
    public var windowEventTimeLatency: LatencySummary
    public var correctness: CorrectnessReport
    public var crashCount: Int
    public var recoveryMicros: [Int64]
    public var maxLagRecords: Int
    public var droppedLate: Int
    public var finished: Bool
    /// Core-hours per simulated day, busy and reserved (`ResourceUsage`).
    public var resources: ResourceUsage

    /// The run's record plus what the checker measured as it went.
    init(result: DeliveryRunResult, correctness: CorrectnessReport, eventTime: LatencyRecorder, processingTime: LatencyRecorder,
         windowEventTime: LatencyRecorder) {
        let configuration = result.configuration
        engine = configuration.engine.name
        guarantee = configuration.guarantee.rawValue
        crashPlan = configuration.crashPlan.description
        inputEvents = result.inputCount
        self.correctness = correctness
        eventTimeLatency = LatencySummary(recorder: eventTime)
        processingTimeLatency = LatencySummary(recorder: processingTime)
        windowEventTimeLatency = LatencySummary(recorder: windowEventTime)
        let seconds = max(1e-6, (result.finishedAt - result.firstArrival).seconds)
        throughputEventsPerSecond = Double(result.inputCount - correctness.eventsLost) / seconds
        crashCount = result.crashes.count
        recoveryMicros = result.crashes.compactMap(\.recoveryMicros)
        maxLagRecords = result.lagSamples.map(\.lagRecords).max() ?? 0
        droppedLate = result.droppedLateCount
        finished = result.finished
        resources = ResourceUsage(result: result)
    }

    public var meanRecoveryMicros: Int64 {
        recoveryMicros.isEmpty ? 0 : recoveryMicros.reduce(0, +) / Int64(recoveryMicros.count)
    }
}
