import SimKernel
import Workloads

extension CalibrationData {
    /// The file at `path`, or an `InputError` naming the file, field and reason.
    public static func load(path: String) throws(InputError) -> CalibrationData {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, field: "(file)", reason: "cannot be read")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> CalibrationData {
        let top = try FieldReader(try JSONValue.parse(text, file: file), file: file, path: "")
        try top.only(["format", "how", "versions", "machine", "workload", "measurements", "sustainable_throughput", "elapsed_s", "incomplete"])
        guard try top.integer("format", in: 1...1) == 1 else { throw top.fail("format", "must be 1") }
        let versions = try top.requiredObject("versions")
        try versions.only(["spark", "flink"])
        let sparkVersion = try versions.requiredString("spark"), flinkVersion = try versions.requiredString("flink")
        let machine = try machine(try top.requiredObject("machine"))
        let workload = try workload(try top.requiredObject("workload"))
        let measurements = try items(top, "measurements").map { item throws(InputError) in try measurement(item) }
        let searches = try items(top, "sustainable_throughput").map { item throws(InputError) in try search(item) }
        return CalibrationData(file: file, sparkVersion: sparkVersion, flinkVersion: flinkVersion, machine: machine,
                               workload: workload, measurements: measurements, searches: searches)
    }

    static func items(_ reader: FieldReader, _ name: String) throws(InputError) -> [FieldReader] {
        guard case .array(let values)? = reader.value(name) else { throw reader.fail(name, "must be an array") }
        var readers: [FieldReader] = []
        for (index, value) in values.enumerated() {
            readers.append(try FieldReader(value, file: reader.file, path: reader.fieldPath("\(name)[\(index)]")))
        }
        return readers
    }

    static func machine(_ reader: FieldReader) throws(InputError) -> String {
        try reader.only(["cores", "cpu_model", "memory_gib", "os", "java", "python"])
        let cores = try reader.integer("cores", in: 1...4_096)
        return "\(cores) cores, \(try reader.requiredString("cpu_model")), \(FixedDecimal.format(try reader.requiredDouble("memory_gib"), places: 1)) GiB"
    }

    static func workload(_ reader: FieldReader) throws(InputError) -> Workload {
        try reader.only(["scenario", "seed", "keys", "window_ms", "watermark_delay_ms", "warmup_ms", "feed_seconds", "drain_seconds",
                         "search_start_per_s", "search_cap_per_s", "repeats"])
        func millis(_ name: String) throws(InputError) -> Int64 { Int64(try reader.integer(name, in: 0...86_400_000)) * 1_000 }
        var workload = Workload(
            scenario: try reader.requiredString("scenario"), seed: UInt64(try reader.integer("seed", in: 0...Int.max)),
            keyCount: try reader.integer("keys", in: 1...10_000_000), windowMicros: try millis("window_ms"),
            watermarkDelayMicros: try millis("watermark_delay_ms"), warmupMicros: try millis("warmup_ms"),
            feedMicros: Int64(try reader.integer("feed_seconds", in: 1...86_400)) * 1_000_000,
            drainMicros: Int64(try reader.integer("drain_seconds", in: 0...86_400)) * 1_000_000)
        // Files from before the search's rates were recorded ran the defaults.
        workload.searchStartPerSecond = try reader.integer("search_start_per_s", default: workload.searchStartPerSecond,
                                                           in: 1...100_000_000)
        workload.searchCapPerSecond = try reader.integer("search_cap_per_s", default: workload.searchCapPerSecond,
                                                         in: workload.searchStartPerSecond...100_000_000)
        workload.repeats = try reader.integer("repeats", default: 1, in: 1...1_000)
        return workload
    }

    static func configuration(_ parent: FieldReader, engine: String) throws(InputError) -> Configuration {
        let reader = try parent.requiredObject("configuration")
        switch engine {
        case "spark-structured-streaming":
            try reader.only(["trigger", "trigger_ms"])
            if let trigger = try reader.string("trigger") {
                guard trigger == "default" else { throw reader.fail("trigger", "must be \"default\", got \"\(trigger)\"") }
                return .sparkTrigger(intervalMicros: nil)
            }
            return .sparkTrigger(intervalMicros: Int64(try reader.integer("trigger_ms", in: 1...3_600_000)) * 1_000)
        case "flink":
            try reader.only(["checkpoint_ms"])
            let interval = try reader.integer("checkpoint_ms", in: 0...3_600_000)
            return .flinkCheckpoints(intervalMicros: interval == 0 ? nil : Int64(interval) * 1_000)
        default:
            throw parent.fail("engine", "must be spark-structured-streaming or flink, got \"\(engine)\"")
        }
    }

    /// A measurement: one run's fields at the top (files from before
    /// repeats), or the medians at the top and every run under "repeats".
    static func measurement(_ reader: FieldReader) throws(InputError) -> Measurement {
        let runFields = ["events", "windows", "feeder_max_lag_ms", "t0_epoch_ms", "timers"]
        let common = ["id", "engine", "configuration", "rate_per_s", "missing_windows", "processing_time_latency_ms",
                      "event_time_latency_ms", "sustainable"]
        let hasRepeats = reader.value("repeats") != nil
        try reader.only(common + (hasRepeats ? ["repeats"] : runFields))
        let id = try reader.requiredString("id"), engine = try reader.requiredString("engine")
        let configuration = try configuration(reader, engine: engine)
        let ratePerSecond = try reader.integer("rate_per_s", in: 1...100_000_000)
        let processingTime = try percentiles(try reader.requiredObject("processing_time_latency_ms"))
        var windows: Int
        var runs: [Run]
        if hasRepeats {
            let repeats = try items(reader, "repeats")
            guard !repeats.isEmpty else { throw reader.fail("repeats", "must hold at least one run") }
            runs = []
            windows = Int.max
            for item in repeats {
                try item.only(runFields + ["missing_windows", "processing_time_latency_ms", "event_time_latency_ms", "sustainable"])
                _ = try percentiles(try item.requiredObject("event_time_latency_ms"))
                runs.append(try run(item, processingTime: try percentiles(try item.requiredObject("processing_time_latency_ms"))))
                windows = Swift.min(windows, try item.integer("windows", in: 0...Int.max))
            }
            // The top-level figures are what the check compares: they must be
            // the runs' medians, not a number edited by hand.
            let median = CalibrationData.median(runs.map(\.processingTime))!
            for (quantity, given, expected) in [("p50", processingTime.p50Millis, median.p50Millis),
                                                ("p99", processingTime.p99Millis, median.p99Millis)]
            where abs(given - expected) > 0.051 {
                throw reader.fail("processing_time_latency_ms.\(quantity)",
                                  "must be the median of the repeats' (\(FixedDecimal.format(expected, places: 1))), got \(FixedDecimal.format(given, places: 1))")
            }
        } else {
            runs = [try run(reader, processingTime: processingTime)]
            windows = try reader.integer("windows", in: 0...Int.max)
        }
        return Measurement(
            id: id, engine: engine, configuration: configuration, ratePerSecond: ratePerSecond, processingTime: processingTime,
            eventTime: try percentiles(try reader.requiredObject("event_time_latency_ms")),
            windows: windows, missingWindows: try reader.integer("missing_windows", in: 0...Int.max),
            sustainable: try reader.bool("sustainable") ?? false, runs: runs)
    }

    /// One run's clocks: its feed start and the timers it recorded.
    static func run(_ reader: FieldReader, processingTime: Percentiles) throws(InputError) -> Run {
        let timers = try reader.object("timers")
        return Run(processingTime: processingTime,
                   startEpochMicros: Int64((try reader.requiredDouble("t0_epoch_ms") * 1_000).rounded()),
                   watermarkTimer: try timers.flatMap { t throws(InputError) in try timer(t, "watermark") },
                   barrierTimer: try timers.flatMap { t throws(InputError) in try timer(t, "barrier") })
    }

    static func percentiles(_ reader: FieldReader) throws(InputError) -> Percentiles {
        try reader.only(["p50", "p99"])
        return Percentiles(p50Millis: try reader.requiredDouble("p50"), p99Millis: try reader.requiredDouble("p99"))
    }

    /// A timer summary, or nil when the run recorded none (null or absent).
    static func timer(_ timers: FieldReader, _ name: String) throws(InputError) -> Timer? {
        guard let value = timers.value(name), value != .null else { return nil }
        let reader = try FieldReader(value, file: timers.file, path: timers.fieldPath(name))
        try reader.only(["first_ms", "period_ms", "firings"])
        let period = try reader.requiredDouble("period_ms")
        guard period > 0 else { throw reader.fail("period_ms", "must be positive") }
        return Timer(firstMicros: Int64((try reader.requiredDouble("first_ms") * 1_000).rounded()),
                     periodMicros: Int64((period * 1_000).rounded()))
    }

    static func search(_ reader: FieldReader) throws(InputError) -> ThroughputSearch {
        try reader.only(["id", "engine", "configuration", "events_per_s", "is_lower_bound", "next_unsustainable_per_s", "trials"])
        let engine = try reader.requiredString("engine")
        return ThroughputSearch(
            id: try reader.requiredString("id"), engine: engine, configuration: try configuration(reader, engine: engine),
            eventsPerSecond: try reader.integer("events_per_s", in: 0...100_000_000),
            isLowerBound: try reader.bool("is_lower_bound") ?? false)
    }
}
