import SimKernel

/// The `arrivals` object of a source: `{"process": "poisson", "rate_per_s": 10000}`.
extension ScenarioParser {
    static let processFields: [String: [String]] = [
        "poisson": ["rate_per_s"],
        "mmpp": ["states"],
        "on_off": ["on_rate_per_s", "mean_on_s", "mean_off_s"],
        "hawkes": ["baseline_rate_per_s", "branching_ratio", "decay_s", "surge_at_s", "surge_rate_per_s", "surge_decay_s"],
        "sine": ["mean_rate_per_s", "amplitude", "period_s", "phase_s"],
        "sessions": ["session_rate_per_s", "clicks_per_session", "click_gap_s"],
        "replay": ["path", "column"],
    ]

    func parseArrivals(_ reader: FieldReader) throws(InputError) -> ArrivalSpec {
        let process = try reader.requiredString("process")
        guard let fields = ScenarioParser.processFields[process] else {
            let known = ScenarioParser.processFields.keys.sorted()
            let hint = FieldReader.closest(to: process, in: known).map { "; did you mean '\($0)'?" } ?? ""
            throw reader.fail("process", "unknown arrival process '\(process)'\(hint)")
        }
        try reader.only(["process"] + fields)
        switch process {
        case "poisson": return .poisson(ratePerSecond: try reader.positive("rate_per_s"))
        case "mmpp": return .mmpp(states: try parseStates(reader))
        case "on_off":
            return .mmpp(states: [
                MMPPState(ratePerSecond: try reader.positive("on_rate_per_s"), meanDurationSeconds: try reader.positive("mean_on_s")),
                MMPPState(ratePerSecond: 0, meanDurationSeconds: try reader.positive("mean_off_s")),
            ])
        case "hawkes": return .hawkes(try parseHawkes(reader))
        case "sine":
            let spec = ArrivalSpec.sine(
                meanRatePerSecond: try reader.positive("mean_rate_per_s"), amplitude: try reader.probability("amplitude"),
                periodSeconds: try reader.positive("period_s"), phaseSeconds: try reader.double("phase_s") ?? 0)
            return spec
        case "sessions":
            let clicks = try reader.requiredDistribution("clicks_per_session")
            guard clicks.isDiscrete || clicks.name == "constant" else {
                throw reader.fail("clicks_per_session", "must be a discrete distribution (poisson, geometric, binomial) or constant")
            }
            return .sessions(SessionSpec(
                sessionRatePerSecond: try reader.positive("session_rate_per_s"), clicksPerSession: clicks,
                clickGapSeconds: try reader.requiredDistribution("click_gap_s")))
        default:
            let path = try reader.requiredString("path")
            let resolved = path.hasPrefix("/") ? path : "\(directory)/\(path)"
            let column = try reader.string("column") ?? "event_time_us"
            do {
                try TraceReader.validate(path: resolved, column: column)
            } catch {
                // An unreadable trace is reported against the scenario field
                // that names it; a bad record against the trace's own line.
                if error.file == resolved, error.field == "arrivals.path" { throw reader.fail("path", "\(error.reason) (\(resolved))") }
                throw error
            }
            return .replay(path: resolved, column: column)
        }
    }

    func parseStates(_ reader: FieldReader) throws(InputError) -> [MMPPState] {
        guard let value = reader.value("states") else { throw reader.fail("states", "is required") }
        guard case .array(let items) = value, items.count >= 2 else {
            throw reader.fail("states", "must be an array of at least two states")
        }
        var states: [MMPPState] = []
        for (index, item) in items.enumerated() {
            let state = try FieldReader(item, file: file, path: reader.fieldPath("states.\(index)"))
            try state.only(["rate_per_s", "mean_duration_s"])
            states.append(MMPPState(
                ratePerSecond: try state.nonNegative("rate_per_s"), meanDurationSeconds: try state.positive("mean_duration_s")))
        }
        guard states.contains(where: { $0.ratePerSecond > 0 }) else {
            throw reader.fail("states", "at least one state must have a positive rate_per_s")
        }
        return states
    }

    func parseHawkes(_ reader: FieldReader) throws(InputError) -> HawkesSpec {
        let branching = try reader.probability("branching_ratio")
        // A branching ratio of 1 or more explodes: each event causes on
        // average at least one more, so the stream never thins out.
        guard branching < 1 else { throw reader.fail("branching_ratio", "must be below 1 for a stable process, got 1") }
        return HawkesSpec(
            baselineRatePerSecond: try reader.positive("baseline_rate_per_s"), branchingRatio: branching,
            decaySeconds: try reader.positive("decay_s"), surgeAtSeconds: reader.has("surge_at_s") ? try reader.nonNegative("surge_at_s") : nil,
            surgeRatePerSecond: try reader.nonNegative("surge_rate_per_s", default: 0),
            surgeDecaySeconds: try reader.positive("surge_decay_s", default: 1))
    }
}
