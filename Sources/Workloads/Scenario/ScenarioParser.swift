import SimKernel

/// Turns a scenario file's JSON into a validated `Scenario`. The schema is
/// documented in Datasets/README.md; every field name below appears there.
struct ScenarioParser {
    let file: String
    /// The directory of the scenario file, for relative trace paths.
    let directory: String
    var kinds: [String] = []

    static let topFields = [
        "name", "description", "start_clock", "default_events", "default_duration", "parameters", "key_space", "sources",
    ]
    static let sourceFields = [
        "kinds", "kind_selection", "arrivals", "keys", "values", "producers", "attribute", "delay_s", "clock_skew_s",
        "offline", "retries", "follow_ups", "planted_bursts",
    ]

    mutating func parse(_ root: JSONValue) throws(InputError) -> Scenario {
        let top = try FieldReader(root, file: file, path: "")
        try top.only(ScenarioParser.topFields)
        let description = try top.requiredString("description")
        guard !description.contains("\n") else { throw top.fail("description", "must be one line") }
        let keyReader = try top.requiredObject("key_space")
        try keyReader.only(["count", "prefix"])
        let keySpace = KeySpace(
            count: try keyReader.integer("count", in: 1...50_000_000),
            prefix: try keyReader.string("prefix") ?? "k")
        let sourcesReader = try top.requiredObject("sources")
        guard !sourcesReader.fields.isEmpty else { throw top.fail("sources", "must name at least one source") }
        var sources: [SourceSpec] = []
        for (name, value) in sourcesReader.fields {
            let reader = try FieldReader(value, file: file, path: sourcesReader.fieldPath(name))
            sources.append(try parseSource(name: name, reader, keySpace: keySpace))
        }
        guard top.has("default_events") || top.has("default_duration") else {
            throw top.fail("default_events", "a scenario needs default_events or default_duration (every run is bounded)")
        }
        return Scenario(
            name: try top.requiredString("name"), description: description, file: file, eventKinds: kinds,
            keySpace: keySpace, sources: sources, start: try parseClock(top),
            defaultEvents: top.has("default_events") ? try top.integer("default_events", in: 1...Int(Int64.max >> 1)) : nil,
            defaultDuration: try top.duration("default_duration"), parameters: try parseParameters(top))
    }

    func parseClock(_ top: FieldReader) throws(InputError) -> Instant {
        guard let text = try top.string("start_clock") else { return .zero }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hours = Int64(parts[0]), let minutes = Int64(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes), parts[1].count == 2
        else { throw top.fail("start_clock", "must be a time of day HH:MM, got '\(text)'") }
        return Instant(micros: (hours * 3600 + minutes * 60) * 1_000_000)
    }

    func parseParameters(_ top: FieldReader) throws(InputError) -> [(name: String, value: Double)] {
        guard let reader = try top.object("parameters") else { return [] }
        var result: [(name: String, value: Double)] = []
        for (name, _) in reader.fields { result.append((name, try reader.requiredDouble(name))) }
        return result
    }

    mutating func kindIndex(_ name: String) -> UInt16 {
        if let index = kinds.firstIndex(of: name) { return UInt16(index) }
        kinds.append(name)
        return UInt16(kinds.count - 1)
    }

    mutating func parseSource(name: String, _ reader: FieldReader, keySpace: KeySpace) throws(InputError) -> SourceSpec {
        try reader.only(ScenarioParser.sourceFields)
        let kindsReader = try reader.requiredObject("kinds")
        guard !kindsReader.fields.isEmpty else { throw reader.fail("kinds", "must name at least one kind") }
        var kindWeights: [(kind: UInt16, weight: Double)] = []
        for (kindName, _) in kindsReader.fields {
            kindWeights.append((kindIndex(kindName), try kindsReader.positive(kindName)))
        }
        let selectionText = try reader.string("kind_selection") ?? "random"
        guard let selection = KindSelection(rawValue: selectionText) else {
            throw reader.fail("kind_selection", "must be 'random' or 'cycle', got '\(selectionText)'")
        }
        if selection == .cycle, kindWeights.contains(where: { $0.weight != $0.weight.rounded() }) {
            throw reader.fail("kinds", "weights must be whole numbers when kind_selection is 'cycle'")
        }
        let producers = try reader.object("producers")
        try producers?.only(["count", "by_key", "partitions"])
        return SourceSpec(
            name: name, kinds: kindWeights, kindSelection: selection,
            arrivals: try parseArrivals(try reader.requiredObject("arrivals")),
            keys: try parseKeys(try reader.object("keys")),
            values: try reader.distribution("values") ?? .constant(1),
            producerCount: try producers?.integer("count", default: 1, in: 1...10_000_000) ?? 1,
            producerByKey: try producers?.bool("by_key") ?? false,
            partitionCount: try producers?.integer("partitions", default: 1, in: 1...1_000_000) ?? 1,
            attribute: try parseAttribute(try reader.object("attribute")),
            disorder: try parseDisorder(reader),
            followUps: try parseFollowUps(reader),
            planted: try parsePlanted(try reader.object("planted_bursts"), keySpace: keySpace))
    }

    func parseKeys(_ reader: FieldReader?) throws(InputError) -> KeyChoice {
        guard let reader else { return .uniform }
        try reader.only(["distribution", "exponent"])
        switch try reader.requiredString("distribution") {
        case "uniform": return .uniform
        case "zipf": return .zipf(exponent: try reader.positive("exponent"))
        case let other: throw reader.fail("distribution", "must be 'uniform' or 'zipf', got '\(other)'")
        }
    }

    func parseAttribute(_ reader: FieldReader?) throws(InputError) -> AttributeSpec {
        guard let reader else { return .none }
        try reader.only(["mode", "count"])
        switch try reader.requiredString("mode") {
        case "none": return .none
        case "uniform": return .uniform(count: try reader.integer("count", in: 1...1_000_000))
        case "home": return .home(count: try reader.integer("count", in: 2...1_000_000))
        case let other: throw reader.fail("mode", "must be 'none', 'uniform' or 'home', got '\(other)'")
        }
    }

    func parseDisorder(_ reader: FieldReader) throws(InputError) -> DisorderSpec {
        var disorder = DisorderSpec.none
        disorder.delaySeconds = try reader.distribution("delay_s", allowNone: true)
        disorder.clockSkewSeconds = try reader.distribution("clock_skew_s", allowNone: true)
        if let offline = try reader.object("offline") {
            try offline.only(["producer_fraction", "mean_online_s", "mean_offline_s"])
            disorder.offline = OfflineSpec(
                producerFraction: try offline.probability("producer_fraction"),
                meanOnlineSeconds: try offline.positive("mean_online_s"),
                meanOfflineSeconds: try offline.positive("mean_offline_s"))
        }
        if let retries = try reader.object("retries") {
            try retries.only(["probability", "max_attempts", "backoff_s"])
            disorder.retries = RetrySpec(
                probability: try retries.probability("probability"),
                maxAttempts: try retries.integer("max_attempts", default: 2, in: 1...255),
                backoffSeconds: try retries.distribution("backoff_s") ?? .constant(1))
        }
        return disorder
    }

    mutating func parseFollowUps(_ reader: FieldReader) throws(InputError) -> [FollowUpSpec] {
        guard let value = reader.value("follow_ups") else { return [] }
        guard case .array(let items) = value else { throw reader.fail("follow_ups", "must be an array, got \(value.typeName)") }
        var result: [FollowUpSpec] = []
        for (index, item) in items.enumerated() {
            let entry = try FieldReader(item, file: file, path: reader.fieldPath("follow_ups.\(index)"))
            try entry.only(["after", "kind", "probability", "delay_s"])
            result.append(FollowUpSpec(
                triggerKind: kindIndex(try entry.requiredString("after")), kind: kindIndex(try entry.requiredString("kind")),
                probability: try entry.probability("probability"), delaySeconds: try entry.requiredDistribution("delay_s")))
        }
        return result
    }

    func parsePlanted(_ reader: FieldReader?, keySpace: KeySpace) throws(InputError) -> PlantedBurstSpec? {
        guard let reader else { return nil }
        try reader.only(["keys", "bursts_per_key", "events_per_burst", "window_s", "start_after_s", "start_before_s"])
        let spec = PlantedBurstSpec(
            keyCount: try reader.integer("keys", in: 1...keySpace.count),
            burstsPerKey: try reader.integer("bursts_per_key", default: 1, in: 1...1_000),
            eventsPerBurst: try reader.integer("events_per_burst", in: 1...10_000),
            windowSeconds: try reader.positive("window_s"),
            startAfterSeconds: try reader.nonNegative("start_after_s", default: 0),
            startBeforeSeconds: try reader.positive("start_before_s"))
        guard spec.startBeforeSeconds > spec.startAfterSeconds else {
            throw reader.fail("start_before_s", "must be greater than start_after_s")
        }
        return spec
    }
}
