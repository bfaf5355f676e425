import Dataflow
import Foundation
import SimKernel
import Workloads

/// `streamlab replay` with a pattern query (a query file with a `pattern`
/// field, `PatternFile`): Flink CEP's keyed pattern operator over the replay
/// events, with the record engine's per-event watermark. One JSON line per
/// match, then the late side output as `{"late":true,…}` lines, the format
/// the conformance runner's Flink CEP job also writes.
public enum ReplayPattern {
    /// True when the query file is a pattern query (a JSON object with a
    /// `pattern` field); anything else is left to `ReplayQuery.parse`.
    public static func isPatternQuery(_ data: Data) -> Bool {
        guard let text = String(data: data, encoding: .utf8),
              case .object(let members)? = try? JSONValue.parse(text, file: "") else { return false }
        return members.contains { $0.0 == "pattern" }
    }

    public static func parse(_ data: Data, file: String) throws(InputError) -> PatternFile {
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, field: "", reason: "not UTF-8 text") }
        return try PatternFile.parse(text, file: file)
    }

    /// The conditions resolved against the names the events use.
    public static func conditions(_ pattern: EventPattern, events: ReplayEvents) -> [ResolvedCondition] {
        pattern.stages.map { stage in
            stage.condition.resolved(
                kindIndex: { name in events.kindNames.firstIndex(of: name).map { UInt16($0) } },
                keyIndex: { name in events.keyNames.firstIndex(of: name).map { Int32($0) } })
        }
    }

    /// The output lines: matches in emission order, then late events.
    public static func run(_ file: PatternFile, events: ReplayEvents, mutation: RuleMutation? = nil) -> [String] {
        let run = PatternRun.run(pattern: file.pattern, conditions: conditions(file.pattern, events: events),
                                 watermarkDelay: .millis(file.watermarkDelayMillis), events: events.events, mutation: mutation)
        return run.matches.map { line(for: $0, pattern: file.pattern, keyNames: events.keyNames) }
            + run.lateEvents.map { Replay.lateLine(for: $0, keyNames: events.keyNames) }
    }

    /// `{"key":"a","match":[{"stage":"small","id":0,"ts_ms":1000,"value":1},…]}`;
    /// `id` is the event's position among the events of the file, from 0.
    public static func line(for match: PatternMatch, pattern: EventPattern, keyNames: [String]) -> String {
        let events = match.events.map { matched in
            "{\"stage\":" + JSONText.quoted(pattern.stages[matched.stageIndex].name) + ",\"id\":\(matched.event.id)"
                + ",\"ts_ms\":\(Replay.millis(matched.event.eventTime)),\"value\":" + ReplayJSON.number(matched.event.value) + "}"
        }
        return "{\"key\":" + JSONText.quoted(keyNames[Int(match.key)]) + ",\"match\":[" + events.joined(separator: ",") + "]}"
    }
}
