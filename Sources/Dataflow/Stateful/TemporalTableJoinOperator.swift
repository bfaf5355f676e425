import SimKernel
import Workloads

/// How a changelog (CDC) record changes a table row.
public enum ChangelogOperation: Sendable, Equatable {
    case insert, update, delete
}

/// What a record is to a stream-table join: a probe to enrich, or a change
/// to the table.
public enum EnrichmentInput: Sendable, Equatable {
    case probe
    case change(ChangelogOperation)
}

/// A stream-table enrichment join whose table is built from a CDC changelog.
///
/// Model. The table keeps, per key, the versions the changelog created:
/// an insert or update at event time `t` makes `(value, attribute)` the row
/// from `t` on; a delete at `t` makes the key absent from `t` on. A probe
/// record looks its key up in one of two ways (`LookupTime`):
///
/// - `.eventTime` follows Flink SQL's event-time temporal join
///   (`JOIN table FOR SYSTEM_TIME AS OF probe.rowtime`, a versioned table):
///   the probe sees the version valid at its own event time, the latest one
///   with `version time <= probe time`. Probes wait in state until the
///   watermark reaches their time (Flink `TemporalRowTimeJoinOperator`
///   registers an event-time timer at the probe's time and fires while
///   `timer <= watermark`), so a change that arrives late but on time for
///   the watermark is still seen. Versions older than the newest one at or
///   before the watermark are cleaned up: no future probe can need them.
///   The result is the same on every engine and order of arrival, so the
///   oracle can check it.
/// - `.processingTime` follows Kafka Streams' KStream–KTable join and
///   Flink's lookup join (`FOR SYSTEM_TIME AS OF proctime`): the probe sees
///   the table as it is when the probe is processed, and is emitted at once.
///   The answer then depends on arrival order, which is the lesson.
///
/// Both are left outer joins: a probe with no row is emitted with `nil`.
public struct TemporalTableJoinOperator: StreamOperator {
    public enum LookupTime: Sendable, Equatable { case eventTime, processingTime }

    public struct Row: Equatable, Sendable {
        public var value: Double
        public var attribute: Int32
        /// Event time of the change that created this version.
        public var versionTime: Instant
    }

    public struct Enriched: Equatable, Sendable {
        public var key: Int32
        public var probe: Event
        /// The table row the probe saw; nil when the key was absent.
        public var row: Row?
    }
    public typealias Output = Enriched

    struct Version {
        var time: Instant
        var row: Row?  // nil: a delete
    }

    public let lookupTime: LookupTime
    public let keyBy: KeySelector
    public let classify: @Sendable (Event) -> EnrichmentInput?
    /// Per key: versions sorted by time (ties: arrival order, the last wins).
    private var versions: [Int32: [Version]] = [:]
    /// Probes waiting for the watermark (event-time lookup only).
    private var waiting = TimerService<Int32>()
    private var waitingProbes: [Int32: [Event]] = [:]
    /// Keys holding more than one version: the only ones cleanup can shrink,
    /// so a watermark costs O(such keys), not O(all keys).
    private var multiVersionKeys: Set<Int32> = []
    public private(set) var stateAccessCount = 0

    public init(
        lookupTime: LookupTime, keyBy: KeySelector = .key, classify: @escaping @Sendable (Event) -> EnrichmentInput?
    ) {
        self.lookupTime = lookupTime
        self.keyBy = keyBy
        self.classify = classify
    }

    /// Versions held for all keys (a state-size metric for tests).
    public var versionCount: Int { versions.values.reduce(0) { $0 + $1.count } }

    public mutating func process(_ event: Event, context: inout OperatorContext<Enriched>) {
        guard let input = classify(event) else { return }
        let key = keyBy.key(of: event)
        stateAccessCount += 1
        switch input {
        case .change(let operation):
            let row = operation == .delete ? nil : Row(value: event.value, attribute: event.attribute, versionTime: event.eventTime)
            if lookupTime == .processingTime {
                // A KTable keeps the latest change by arrival (offset) order.
                versions[key] = row == nil ? nil : [Version(time: event.eventTime, row: row)]
            } else {
                insertVersion(Version(time: event.eventTime, row: row), key: key)
            }
        case .probe where lookupTime == .processingTime:
            context.emit(Enriched(key: key, probe: event, row: versions[key]?.last?.row))
        case .probe:
            waitingProbes[key, default: []].append(event)
            waiting.register(.eventTime, key: key, at: event.eventTime)
        }
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Enriched>) {
        guard lookupTime == .eventTime else { return }
        var touched: [Int32] = []
        for timer in waiting.popDue(.eventTime, upTo: watermark) {
            if touched.last != timer.key { touched.append(timer.key) }
        }
        // Emit every due probe of each key in (event time, arrival) order.
        for key in touched.sorted() {
            let probes = waitingProbes[key] ?? []
            let due = probes.enumerated().filter { $0.element.eventTime <= watermark }
                .sorted { ($0.element.eventTime, $0.offset) < ($1.element.eventTime, $1.offset) }
            for (_, probe) in due {
                stateAccessCount += 1
                context.emit(Enriched(key: key, probe: probe, row: version(of: key, at: probe.eventTime)))
            }
            let rest = probes.filter { $0.eventTime > watermark }
            waitingProbes[key] = rest.isEmpty ? nil : rest
        }
        cleanUp(before: watermark)
    }

    /// The latest version at or before `time`; nil if none or a delete.
    private func version(of key: Int32, at time: Instant) -> Row? {
        guard let list = versions[key] else { return nil }
        return list.last { $0.time <= time }?.row
    }

    private mutating func insertVersion(_ version: Version, key: Int32) {
        var list = versions[key] ?? []
        let index = list.lastIndex { $0.time <= version.time }.map { $0 + 1 } ?? 0
        list.insert(version, at: index)
        versions[key] = list
        if list.count > 1 { multiVersionKeys.insert(key) }
    }

    /// Keeps, per key, only the newest version at or before `watermark` and
    /// everything after it: an on-time probe has `time >= watermark`, so it
    /// never needs an older version. (A late probe then sees the oldest kept
    /// version, as in Flink, whose cleanup has the same effect.)
    private mutating func cleanUp(before watermark: Instant) {
        if watermark == .max {
            versions.removeAll()
            multiVersionKeys.removeAll()
            return
        }
        // Sorted only for a fixed visiting order; each key is handled alone.
        for key in multiVersionKeys.sorted() {
            guard let list = versions[key], let newestDue = list.lastIndex(where: { $0.time <= watermark }), newestDue > 0
            else { continue }
            let kept = Array(list[newestDue...])
            versions[key] = kept
            if kept.count <= 1 { multiVersionKeys.remove(key) }
        }
    }
}
