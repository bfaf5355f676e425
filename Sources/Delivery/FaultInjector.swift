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

    /// Explicit and Poisson crash times up to `end`, sorted; at most
    /// `maximumCount` (a bound, since a tiny MTBF must not hang the run).
    public func timedCrashes(until end: Instant, maximumCount: Int = 10_000) -> [Instant] {
        var times = plan.atTimes.filter { $0 <= end }
        if let mtbf = plan.meanTimeBetweenFailuresMicros {
            var now = Instant.zero
            while times.count < maximumCount {
                now = now + Duration.micros(roundingSeconds: crashStream.exponential(mean: Double(mtbf) / 1_000_000))
                if now > end { break }
                times.append(now)
            }
        }
        return Array(times.sorted().prefix(maximumCount))
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
