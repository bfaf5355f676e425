import Dataflow
import SimKernel
import Workloads

/// Server health alerting (issue 17's use case): no heartbeat for 30 s,
/// alert. The heartbeat stream is derived, not generated: every event of a
/// key is that key's heartbeat, so on `iot-sensors` each device is a server
/// that reports about every 5 s, and the 5 % of devices that go offline and
/// upload their backlog later are the servers behind a network outage.
extension JobRunner {
    /// `HeartbeatTimeoutFunction` with the scenario's `heartbeat_timeout_s`
    /// (else 30 s). The oracle is the exact answer from the complete data:
    /// per key, every stretch of `timeout` or more of event time between two
    /// heartbeats, whose deadline the last watermark of a stream that never
    /// ends passes. An engine alert that no such stretch explains was raised
    /// while the server's heartbeats were delayed, not missing: the backlog
    /// later showed it alive. The latency runs from the deadline to the alert.
    static func heartbeatAlert(_ setup: Setup) throws(InputError) -> (JobResult, Observed<HeartbeatTimeoutFunction.Alert>) {
        let timeoutSeconds = setup.scenario.parameter("heartbeat_timeout_s") ?? 30
        guard timeoutSeconds == timeoutSeconds.rounded(), (1...86_400).contains(timeoutSeconds) else {
            throw InputError(
                file: setup.scenario.file, field: "parameters.heartbeat_timeout_s",
                reason: "must be a whole number of seconds from 1 to 86400, got \(timeoutSeconds)")
        }
        let timeout = Duration.seconds(Int64(timeoutSeconds))
        let op = setup.keyed(HeartbeatTimeoutFunction(timeout: timeout))
        let (observed, _) = drive(op, setup: setup, stateSize: { $0.keyCount }, tag: { output, _ in output })
        let lastWatermark = (setup.events.map(\.eventTime).max() ?? .zero) - watermarkDelay
        let alerts = observed.run.outputs.filter { $0.output.deadline < lastWatermark }
        let oracle = oracleSilences(setup.events, timeout: timeout).filter { $0.parts[1] < lastWatermark.micros }
        let difference = multisetDifference(engine: alerts.map { silenceIdentity($0.output.key, $0.output.deadline) }, oracle: oracle)
        let servers = Set(alerts.map(\.output.key)).count
        let result = JobResult(
            summary: "heartbeat-alert: alert when a key sends no event for \(Int(timeoutSeconds)) s of event time (HeartbeatTimeoutFunction), watermark delay 5 s",
            resultNoun: "alerts", resultCount: alerts.count,
            rows: alerts.map { emitted in
                let alert = emitted.output
                return "\(setup.scenario.keyName(alert.key)) silent since \(clockText(alert.lastHeartbeat)), "
                    + "deadline \(clockText(alert.deadline)), alerted at \(clockText(emitted.processingTime))"
            },
            latencyMicros: alerts.map { ($0.processingTime - $0.output.deadline).micros },
            latencyMeaning: "from the heartbeat deadline to the alert",
            oracleCount: oracle.count, comparedNoun: "silences", missing: difference.missing, extra: difference.extra,
            business: [
                "business: \(alerts.count) alerts on \(servers) servers; \(alerts.count - difference.extra) for a real silence of \(Int(timeoutSeconds)) s,"
                    + " \(difference.extra) while heartbeats were delayed (the backlog later showed the server alive), \(difference.missing) silences never alerted"
            ],
            stateNoun: "servers watched")
        return (result, observed)
    }

    static func silenceIdentity(_ key: Int32, _ deadline: Instant) -> JobIdentity {
        JobIdentity([Int64(key), deadline.micros])
    }

    /// Per key, in event-time order, each gap of `timeout` or more after a
    /// heartbeat, identified by its deadline (heartbeat + timeout).
    static func oracleSilences(_ events: [Event], timeout: Duration) -> [JobIdentity] {
        var byKey: [Int32: [Instant]] = [:]
        for event in events { byKey[event.key, default: []].append(event.eventTime) }
        var silences: [JobIdentity] = []
        for key in byKey.keys.sorted() {
            let times = byKey[key]!.sorted()
            for (previous, next) in zip(times, times.dropFirst()) where next >= previous + timeout {
                silences.append(silenceIdentity(key, previous + timeout))
            }
            silences.append(silenceIdentity(key, times.last! + timeout))
        }
        return silences
    }
}
