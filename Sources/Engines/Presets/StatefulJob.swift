import Dataflow
import SimKernel
import Workloads

/// The keyed-state and join jobs `streamlab run --job NAME` runs on a
/// scenario, beside the windowed queries of `--query`.
///
/// Why a `--job` flag and not a `"job"` field in the query file: a query file
/// is the replay interface's `Q.json` (issue 3, section 9), a window plus
/// aggregates that all three engines and the conformance suite share. A job
/// is a fixed operator from `Dataflow/Stateful` (a keyed process function or
/// a join) wired to a scenario's event kinds; it has no window to describe,
/// and its few knobs come from the scenario's `parameters`. Mixing both in
/// one file would make most Q.json fields meaningless for a job.
public enum StatefulJob: String, CaseIterable, Sendable {
    case sessionTimeout = "session-timeout"
    case inventoryAlert = "inventory-alert"
    case fraud
    case intervalJoin = "interval-join"
    case enrichment
    case tableJoin = "table-join"
    case dashboard
    case heartbeatAlert = "heartbeat-alert"

    /// Parses `--job`; a bad value is a one-line input error (exit 2).
    public static func named(_ text: String) throws(InputError) -> StatefulJob {
        guard let job = StatefulJob(rawValue: text) else {
            throw InputError(
                file: "<command line>", field: "--job",
                reason: "unknown job '\(text)' (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return job
    }

    /// One line for `--help`.
    public var helpLine: String {
        switch self {
        case .sessionTimeout: return "session-timeout: close a key's session after an inactivity gap (clickstream-sessions)"
        case .inventoryAlert: return "inventory-alert: alert when a SKU's stock falls below 10, again every 2 min (theworldshop-viral-night)"
        case .fraud: return "fraud: flag a card paying from 3 places within the fraud window (card-transactions)"
        case .intervalJoin: return "interval-join: join each order with the payments of its SKU within an upper bound (theworldshop-viral-night)"
        case .enrichment: return "enrichment: enrich add-to-carts with the SKU's stock row, a table built from a CDC changelog"
        case .tableJoin: return "table-join: join two changelog tables (stock, latest order per SKU) into an updating table"
        case .heartbeatAlert: return "heartbeat-alert: alert when a server (a key) sends no heartbeat for 30 s, an event-time timer per key (iot-sensors)"
        case .dashboard: return "dashboard: orders per minute (a 1-min tumbling count), measured by when the right count is visible (theworldshop-viral-night)"
        }
    }
}

/// What `run --job` was asked to do, beyond the shared run options.
public struct JobOptions: Sendable, Equatable {
    public var job: StatefulJob
    /// Interval join only: the upper bound `between(0, upper)`; nil: 5 minutes.
    public var upperBoundSeconds: Int?
    /// Session timeout only: the inactivity gap, over the scenario's
    /// `session_gap_s` (`--needs` runs TheWorldShop's 30 minutes on the clickstream).
    public var sessionGapSeconds: Int?
    /// Fraud only: the payment clearing time, over the scenario's `payment_clearing_s`.
    public var clearingSeconds: Int?

    public init(job: StatefulJob, upperBoundSeconds: Int? = nil, sessionGapSeconds: Int? = nil, clearingSeconds: Int? = nil) {
        self.job = job
        self.upperBoundSeconds = upperBoundSeconds
        self.sessionGapSeconds = sessionGapSeconds
        self.clearingSeconds = clearingSeconds
    }
}

/// Wraps an operator to watch its state size and to tag its outputs.
///
/// Why: the lessons discuss how much state a join or a timer-driven function
/// holds over time, which only the operator knows, and the engines keep the
/// operator to themselves during a run. The probe forwards every call
/// unchanged, samples `stateSize` whenever processing time crosses the next
/// multiple of `sampleInterval` (so the cost is bounded by the number of
/// samples, not records), and maps each output with the record being
/// processed (nil for outputs of a watermark or timer call).
struct StateProbe<Inner: StreamOperator, Output>: StreamOperator {
    var inner: Inner
    let stateSize: (Inner) -> Int
    let tag: (Inner.Output, Event?) -> Output
    let sampleInterval: Duration
    private(set) var samples: [(time: Instant, size: Int)] = []
    private(set) var peak = 0
    private var nextSample: Instant = .min
    private var scratch = OperatorContext<Inner.Output>()

    init(
        _ inner: Inner, sampleInterval: Duration, stateSize: @escaping (Inner) -> Int,
        tag: @escaping (Inner.Output, Event?) -> Output
    ) {
        precondition(sampleInterval > .zero, "a probe needs a positive sample interval")
        self.inner = inner
        self.sampleInterval = sampleInterval
        self.stateSize = stateSize
        self.tag = tag
    }

    mutating func process(_ event: Event, context: inout OperatorContext<Output>) {
        forward(context: &context, record: event) { (inner: inout Inner, scratch: inout OperatorContext<Inner.Output>) in
            inner.process(event, context: &scratch)
        }
    }

    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Output>) {
        forward(context: &context, record: nil) { (inner: inout Inner, scratch: inout OperatorContext<Inner.Output>) in
            inner.advanceWatermark(to: watermark, context: &scratch)
        }
    }

    mutating func advanceProcessingTime(to time: Instant, context: inout OperatorContext<Output>) {
        forward(context: &context, record: nil) { (inner: inout Inner, scratch: inout OperatorContext<Inner.Output>) in
            inner.advanceProcessingTime(to: time, context: &scratch)
        }
    }

    /// The engines schedule processing-time timers through this; a probe
    /// that hid the inner operator's timers would delay them to the next record.
    mutating func nextProcessingTimeTimer() -> Instant? { inner.nextProcessingTimeTimer() }

    /// Runs one call of the inner operator in a scratch context that shares
    /// the engine's clocks, then copies its outputs and counters back.
    private mutating func forward(
        context: inout OperatorContext<Output>, record: Event?,
        _ call: (inout Inner, inout OperatorContext<Inner.Output>) -> Void
    ) {
        scratch.watermark = context.watermark
        scratch.processingTime = context.processingTime
        call(&inner, &scratch)
        for output in scratch.outputs { context.emit(tag(output, record)) }
        scratch.outputs.removeAll(keepingCapacity: true)
        context.droppedLateCount += scratch.droppedLateCount
        scratch.droppedLateCount = 0
        context.lateSideOutput.append(contentsOf: scratch.lateSideOutput)
        scratch.lateSideOutput.removeAll(keepingCapacity: true)
        sample(at: context.processingTime)
    }

    private mutating func sample(at time: Instant) {
        guard time >= nextSample else { return }
        let size = stateSize(inner)
        samples.append((time, size))
        peak = max(peak, size)
        let steps = (time.micros / sampleInterval.micros) + 1
        nextSample = Instant(micros: steps * sampleInterval.micros)
    }

    /// A final sample after the run, so the series ends where the run ends.
    mutating func finish(at time: Instant) {
        let size = stateSize(inner)
        samples.append((time, size))
        peak = max(peak, size)
    }
}
