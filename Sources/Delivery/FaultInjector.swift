import SimKernel

/// Fault model (read this before trusting any result).
///
/// What is injected: crashes of the whole processing job (every task at
/// once, as a Flink job restart or a Spark driver restart). Nothing else:
/// the source log, the checkpoint store, the offset/commit logs and the sink
/// are durable and never fail (they model Kafka, a replicated object store
/// and a transactional database). Messages are not corrupted, reordered or
/// lost in transit.
///
/// What a crash destroys: everything in memory — operator state, the input
/// buffer, the record or batch being processed, a checkpoint in flight, an
/// open (not pre-committed) sink transaction. What survives: records in the
/// log, completed checkpoints, the offset and commit logs, committed and
/// pre-committed sink transactions, and anything an append or upsert sink
/// has already made visible.
///
/// When crashes happen: at the plan's explicit times; after the N-th record;
/// while the K-th checkpoint is in flight; right after the K-th sink write
/// (before the commit that would cover it); and, with `mtbf`, at the arrivals
/// of a Poisson process (exponential gaps with that mean). A crash that falls
/// while the job is already down is ignored (a dead job cannot die again).
///
/// Recovery: after a delay drawn from `recoveryDelay` (seconds), the job
/// restarts from the last complete checkpoint (or, at-most-once, from the
/// committed offsets) and replays the source from there.
///
/// Randomness: the Poisson times and recovery delays come from the injector's
/// own RNG streams (`fault-injector.crashes`, `fault-injector.recovery`),
/// derived from the root seed, so the same seed gives the same faults and the
/// fault streams never shift the workload's numbers.
public final class FaultInjector {
    public let plan: CrashPlan
    public let recoveryDelay: Distribution
    private let crashStream: RandomStream
    private let recoveryStream: RandomStream

    /// `recoveryDelay` is in seconds and must already be validated.
    public init(plan: CrashPlan, recoveryDelay: Distribution, rootSeed: UInt64) {
        self.plan = plan
        self.recoveryDelay = recoveryDelay
        crashStream = RandomStream(root: rootSeed, component: "fault-injector.crashes")
        recoveryStream = RandomStream(root: rootSeed, component: "fault-injector.recovery")
    }

    /// The explicit crash times as absolute instants: `at:30s` means 30 s
    /// after `start`, the run's first arrival.
    public func explicitCrashes(from start: Instant) -> [Instant] {
        plan.atTimes.map { start + Duration(micros: $0.micros) }
    }

    /// The next Poisson crash after `time` (exponential gap with mean MTBF),
    /// or nil without `mtbf`. Drawn one at a time as crashes fire, so a run
    /// never pre-draws crashes it will not reach.
    public func nextPoissonCrash(after time: Instant) -> Instant? {
        guard let mtbf = plan.meanTimeBetweenFailuresMicros else { return nil }
        let gap = Duration.micros(roundingSeconds: crashStream.exponential(mean: Double(mtbf) / 1_000_000))
        return time + Duration(micros: max(1, gap.micros))
    }

    /// Explicit and Poisson crash times from `start` up to `end`, sorted (for
    /// reports and tests; the pipelines draw Poisson crashes lazily).
    public func timedCrashes(from start: Instant, until end: Instant, maximumCount: Int = 10_000) -> [(time: Instant, explicit: Bool)] {
        var times = explicitCrashes(from: start).filter { $0 <= end }.map { (time: $0, explicit: true) }
        var now = start
        while times.count < maximumCount, let next = nextPoissonCrash(after: now), next <= end {
            times.append((next, false))
            now = next
        }
        return Array(times.sorted { ($0.time, $0.explicit ? 0 : 1) < ($1.time, $1.explicit ? 0 : 1) }.prefix(maximumCount))
    }

    public func crashesAfterRecord(_ processedCount: Int) -> Bool { plan.afterRecords.contains(processedCount) }
    public func crashesDuringCheckpoint(_ ordinal: Int) -> Bool { plan.duringCheckpoints.contains(ordinal) }
    public func crashesAfterSinkWrite(_ writeCount: Int) -> Bool { plan.afterSinkWrites.contains(writeCount) }

    /// One recovery delay: a non-negative draw, rounded to µs the documented way.
    public func nextRecoveryDelay() -> Duration {
        let delay = Duration.micros(roundingSeconds: recoveryDelay.sample(recoveryStream))
        return delay.micros < 0 ? .zero : delay
    }

    /// Parses a recovery-delay distribution: `5s` (constant), `exp:5s`,
    /// `uniform:2s..10s` or `lognormal:5s..0.5` (median..sigma).
    public static func parseRecoveryDelay(_ text: String, field: String = "recovery") throws(InputError) -> Distribution {
        func seconds(_ part: Substring) throws(InputError) -> Double {
            Double(try CrashPlan.parseDuration(String(part), item: text, field: field)) / 1_000_000
        }
        let distribution: Distribution
        if text.hasPrefix("exp:") {
            distribution = .exponential(mean: try seconds(text.dropFirst(4)))
        } else if text.hasPrefix("uniform:"), let range = text.dropFirst(8).splitOnce("..") {
            distribution = .uniform(lower: try seconds(range.0), upper: try seconds(range.1))
        } else if text.hasPrefix("lognormal:"), let parts = text.dropFirst(10).splitOnce(".."), let sigma = Double(parts.1) {
            distribution = .lognormal(median: try seconds(parts.0), sigma: sigma)
        } else if text.contains(":") {
            throw InputError(file: "<command line>", field: field,
                             reason: "'\(text)' is not a recovery delay (5s, exp:5s, uniform:2s..10s, lognormal:5s..0.5)")
        } else {
            distribution = .constant(try seconds(Substring(text)))
        }
        do { try distribution.validate() } catch { throw error.nested(under: field).in(file: "<command line>") }
        return distribution
    }
}

extension Substring {
    func splitOnce(_ separator: String) -> (Substring, Substring)? {
        guard let range = firstRange(of: separator) else { return nil }
        return (self[..<range.lowerBound], self[range.upperBound...])
    }
}
