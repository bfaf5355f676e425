import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Hand-built streams for the semantics tests: times in milliseconds,
/// arrival order = array order, arrival time = position (so the record
/// engine's processing order is the array order).
func stream(_ records: [(key: Int32, tsMillis: Int64, value: Double)]) -> [Event] {
    records.enumerated().map { index, record in
        Event(id: UInt64(index), key: record.key, value: record.value,
              eventTime: .millis(record.tsMillis), arrivalTime: Instant(micros: Int64(index)))
    }
}

func tumblingQuery(sizeMillis: Int64, delayMillis: Int64, allowedLatenessMillis: Int64 = 0,
                   outputMode: OutputMode = .append) -> Query {
    Query(watermark: WatermarkStrategy(delay: .millis(delayMillis)), window: .tumbling(size: .millis(sizeMillis)),
          allowedLateness: .millis(allowedLatenessMillis), outputMode: outputMode)
}

/// A row as (key, start ms, end ms, count, sum) for compact expectations.
struct Row: Equatable, CustomStringConvertible {
    var key: Int32
    var startMillis: Int64
    var endMillis: Int64
    var count: Int64
    var sum: Double
    var batch: Int?

    init(_ key: Int32, _ startMillis: Int64, _ endMillis: Int64, count: Int64, sum: Double, batch: Int? = nil) {
        (self.key, self.startMillis, self.endMillis, self.count, self.sum, self.batch) = (key, startMillis, endMillis, count, sum, batch)
    }

    init(_ emitted: Emitted<WindowResult>) {
        let result = emitted.output
        self.init(result.key, result.window.start.micros / 1_000, result.window.end.micros / 1_000,
                  count: result.aggregates.count, sum: result.aggregates.sum, batch: emitted.batch)
    }

    var description: String { "(\(key) [\(startMillis),\(endMillis)) n=\(count) sum=\(sum)\(batch.map { " b\($0)" } ?? ""))" }
}

extension EngineRun where Output == WindowResult {
    var rows: [Row] { outputs.map(Row.init) }
}

/// Sizes of consecutive batches from per-record batch numbers.
func batchSizes(_ batches: [Int]) -> [Int] {
    var sizes: [Int] = []
    var last: Int?
    for batch in batches {
        if batch != last { sizes.append(0); last = batch }
        sizes[sizes.count - 1] += 1
    }
    return sizes
}
