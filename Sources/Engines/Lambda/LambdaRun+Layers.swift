import Dataflow
import SimKernel
import Workloads

extension LambdaRun {
    /// The batch layer: the batch preset's engine on its schedule. Each job
    /// re-reads everything that has arrived (`BatchEngine` keeps the job's
    /// table; complete mode emits all of it), so each job's rows are a batch
    /// view over the master data set up to its schedule point.
    static func runBatchLayer(_ events: [Event], query: Query, preset: Preset, periodMicros: Int64) -> [BatchLayerRun] {
        let costs = preset.costModel.engineCosts(stateAccessesPerRecord: 1)
        let engine = BatchEngine(schedule: .every(Duration(micros: periodMicros)), costs: costs)
        let run = engine.run(query: query, events: events)
        var jobs: [(finished: Int64, rows: [WindowResult])] = []
        var currentJob: Int?
        for emitted in run.outputs {
            if emitted.batch != currentJob || jobs.isEmpty {
                currentJob = emitted.batch
                jobs.append((emitted.processingTime.micros, []))
            }
            jobs[jobs.count - 1].finished = emitted.processingTime.micros
            jobs[jobs.count - 1].rows.append(emitted.output)
        }
        // A job starts at a schedule point and takes less than a period, so
        // the point its input stopped at is the last multiple before it finished.
        return jobs.map { job in
            BatchLayerRun(coverageEndMicros: job.finished / periodMicros * periodMicros, finishedMicros: job.finished,
                          view: view(of: job.rows))
        }
    }

    /// The speed layer: the streaming preset with its copy of the logic.
    static func runSpeedLayer(_ events: [Event], options: LambdaOptions, kinds: (counted: UInt16, next: UInt16?), preset: Preset)
        -> (view: [Int64: Int64], finishedMicros: Int64, droppedLate: Int) {
        let drift = options.drift
        let delay = drift == .lateDrop ? Duration.zero : patientDelay
        let query = query(counting: kinds.counted, alsoCounting: drift == .kind ? kinds.next : nil, delay: delay)
        let engine = preset.makeEngine(watermarkDelay: delay, stateAccessesPerRecord: 1)
        let input = events.map { event -> Event in
            var seen = preset.prepare(event)
            if drift == .arrivalTime { seen.eventTime = event.arrivalTime }
            return seen
        }
        let run = engine.run(query: query, events: input)
        return (view(of: run.outputs.map(\.output)), run.finishTime.micros, run.droppedLateCount + run.lateSideOutput.count)
    }

    /// Kappa: the same streaming preset, with the batch layer's logic,
    /// re-reading the retained log from offset 0 at `startMicros` (every
    /// record is already there, so it runs as fast as its cost model allows).
    static func replayKappa(_ events: [Event], query: Query, preset: Preset, from startMicros: Int64)
        -> (view: [Int64: Int64], replayMicros: Int64) {
        let engine = preset.makeEngine(watermarkDelay: query.watermark.delay, stateAccessesPerRecord: 1)
        let start = Instant(micros: startMicros)
        let replay = events.map { event -> Event in
            var again = preset.prepare(event)
            again.arrivalTime = start
            return again
        }
        let run = engine.run(query: query, events: replay)
        return (view(of: run.outputs.map(\.output)), run.finishTime.micros - startMicros)
    }

    /// One row per event-time hour from the first event's to the last's.
    static func table(events: [Event], oracle: [Int64: Int64], speed: [Int64: Int64], last: BatchLayerRun?, next: BatchLayerRun?)
        -> [LambdaHour] {
        let times: [Int64] = events.map { $0.eventTime.micros }
        let first: Int64 = times.min()! / hourMicros * hourMicros
        let lastTime: Int64 = times.max()!
        var starts: [Int64] = []
        var start = first
        while start <= lastTime {
            starts.append(start)
            start += hourMicros
        }
        let now = ServingMerge.merge(spanStartsMicros: starts, spanMicros: hourMicros, coverageEndMicros: last?.coverageEndMicros,
                                     batchView: last?.view ?? [:], speedView: speed)
        let later = ServingMerge.merge(spanStartsMicros: starts, spanMicros: hourMicros,
                                       coverageEndMicros: (next ?? last)?.coverageEndMicros,
                                       batchView: (next ?? last)?.view ?? [:], speedView: speed)
        return zip(now, later).map { answer, repaired in
            LambdaHour(startMicros: answer.startMicros, oracle: oracle[answer.startMicros] ?? 0, served: answer.value,
                       layer: answer.layer, afterNextBatch: repaired.value, afterNextBatchLayer: repaired.layer)
        }
    }
}
