import SimKernel

/// Renders `run --needs`: the targets, then one line per preset and need.
public enum NeedsReport {
    public static func header(_ plan: NeedsRunner.Plan, scenarioArgument: String, preset: String?, seed: UInt64, events: Int?) -> String {
        let length = events.map { "\($0) events per run" } ?? "each scenario's own length (at most \(RunOptions.defaultEventCap) events)"
        let name = plan.scenario.name
        let eventsFlag = (preset.map { " --preset \($0)" } ?? "") + (events.map { " --events \($0)" } ?? "")
        return """
            streamlab run \(scenarioArgument) --needs --seed \(seed)\(eventsFlag)
            needs: \(name), \(length); every preset runs each need's job (run --job), watermark delay 5 s
              inventory  stock below 10 alerted within \(NeedTargets.inventoryAlertSeconds) s of the order that took it there (inventory-alert on \(name))
              fraud      card flagged before the payment clears, \(plan.clearingSeconds) s after it (payment_clearing_s; fraud on \(NeedsRunner.fraudScenario))
              dashboard  orders per minute, the right count visible within \(NeedTargets.dashboardVisibleSeconds) s of the minute's end (dashboard on \(name))
              sessions   ended after \(plan.sessionTimeoutSeconds) s of inactivity (session_gap_s), emitted within \(NeedTargets.sessionEmitSeconds) s of that (session-timeout on \(NeedsRunner.sessionScenario))
            a need is met when every result due came and the slowest came within the target (latency p50/p99/max); n/a: nothing was due

            """
    }

    public static func presetBlock(_ presetName: String, engine: String, results: [NeedResult]) -> String {
        let met = results.filter(\.met).count
        let tested = results.filter { $0.expected > 0 }.count
        var lines = ["\(presetName) (\(engine)): \(met) of \(tested) needs met" + (tested < results.count ? " (\(results.count - tested) with nothing due in these events)" : "")]
        for result in results {
            let verdict = result.expected == 0 ? "n/a    " : result.met ? "met    " : "not met"
            let name = result.need.padding(toLength: 10, withPad: " ", startingAt: 0)
            let latency = result.latency.count == 0
                ? "no results"
                : "p50 \(seconds(result.latency.p50Micros)) p99 \(seconds(result.latency.p99Micros)) max \(seconds(result.latency.maxMicros))"
            lines.append(
                "  \(name) \(verdict)  \(latency) / target \(seconds(result.targetMicros)); "
                    + "\(result.expected - result.missing) of \(result.expected) results due came")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Seconds with one decimal, rounded half up (`0.3 s`, `5400.0 s`).
    static func seconds(_ micros: Int64) -> String {
        let tenths = (micros + 50_000) / 100_000
        return "\(tenths / 10).\(abs(tenths % 10)) s"
    }
}
