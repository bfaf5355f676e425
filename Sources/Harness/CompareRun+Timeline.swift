import Delivery
import Engines
import SimKernel
import Workloads

extension CompareRun {
    static func seconds(_ time: Instant, from start: Instant) -> Double {
        (Double((time - start).micros) / 1_000).rounded() / 1_000
    }

    static func crashTimeline(_ results: [(String, Measurement)], start: Instant) -> [CompareReport.TimelineCrash] {
        results.flatMap { name, run in
            run.result.crashes.map { crash in
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
    /// Where each lost event arrived and each duplicate became visible, per
    /// run with crashes (the checker notes them as the run goes).
    static func timelineMarks(_ results: [(String, Measurement)], start: Instant) -> [CompareReport.TimelineMarks] {
        results.filter { !$0.1.result.crashes.isEmpty }.map { name, run in
            CompareReport.TimelineMarks(run: name, lostSeconds: run.check.lostArrivals.map { seconds($0, from: start) },
                                        duplicatedSeconds: run.check.duplicateTimes.map { seconds($0, from: start) })
        }
    }

    /// Consumer lag per engine from its at-least-once run (the surge shows as a hump).
    static func lagSeries(_ results: [(String, Measurement)], settings: CompareSettings, start: Instant) -> [CompareReport.Series] {
        results.filter { $0.0.hasSuffix("/\(Guarantee.atLeastOnce.rawValue)") }.map { name, run in
            let result = run.result
            let stride = max(1, result.lagSamples.count / 600)
            let points = result.lagSamples.enumerated().filter { $0.offset % stride == 0 }.map {
                CompareReport.CurvePoint(x: seconds($0.element.time, from: start), y: Double($0.element.lagRecords))
            }
            return .init(name: name, points: points)
        }
    }
}
