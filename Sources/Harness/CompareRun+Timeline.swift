import Delivery
import Engines
import SimKernel
import Workloads

extension CompareRun {
    static func seconds(_ time: Instant, from start: Instant) -> Double {
        (Double((time - start).micros) / 1_000).rounded() / 1_000
    }

    static func crashTimeline(_ results: [(String, DeliveryRunResult)], start: Instant) -> [CompareReport.TimelineCrash] {
        results.flatMap { name, result in
            result.crashes.map { crash in
                CompareReport.TimelineCrash(
                    run: name, crashSeconds: seconds(crash.time, from: start),
                    restartSeconds: seconds(crash.restartedAt ?? crash.time, from: start),
                    caughtUpSeconds: crash.caughtUpAt.map { seconds($0, from: start) },
                    cause: describe(crash.cause), inFlightRecords: crash.inFlightRecords)
            }
        }
    }

    public static func describe(_ cause: CrashRecord.Cause) -> String {
        switch cause {
        case .atTime: return "at"
        case .poisson: return "mtbf"
        case .afterRecords(let n): return "after:\(n)"
        case .duringCheckpoint(let k): return "during-checkpoint:\(k)"
        case .afterSinkWrite(let k): return "after-sink-write:\(k)"
        }
    }

    /// Lost inputs (at their arrival) and duplicated outputs (at their second
    /// visibility) for every run that had any.
    static func timelineMarks(_ results: [(String, DeliveryRunResult)], oracle: DeliveryExpectation, start: Instant) -> [CompareReport.TimelineMarks] {
        var marks: [CompareReport.TimelineMarks] = []
        for (name, result) in results where !result.crashes.isEmpty {
            var seen = Set<OutputIdentity>()
            var duplicated: [Double] = []
            for visible in result.sink.visible where visible.output.identity.kind == .perEvent {
                if !seen.insert(visible.output.identity).inserted, result.sink.kind != .upsert {
                    duplicated.append(seconds(visible.visibleAt, from: start))
                }
            }
            var lost: [Double] = []
            for id in oracle.eventIDs where !seen.contains(.event(id, key: oracle.keyOf[id]!)) {
                lost.append(seconds(oracle.arrivalOf[id]!, from: start))
            }
            marks.append(.init(run: name, lostSeconds: lost, duplicatedSeconds: duplicated))
        }
        return marks
    }

    /// Consumer lag per engine from its at-least-once run (the surge shows as a hump).
    static func lagSeries(_ results: [(String, DeliveryRunResult)], settings: CompareSettings, start: Instant) -> [CompareReport.Series] {
        results.filter { $0.0.hasSuffix("/\(Guarantee.atLeastOnce.rawValue)") }.map { name, result in
            let stride = max(1, result.lagSamples.count / 600)
            let points = result.lagSamples.enumerated().filter { $0.offset % stride == 0 }.map {
                CompareReport.CurvePoint(x: seconds($0.element.time, from: start), y: Double($0.element.lagRecords))
            }
            return .init(name: name, points: points)
        }
    }
}
