import Delivery
import Engines
import SimKernel
import Workloads

/// `streamlab calibrate --check`: the lab runs every measured configuration
/// on the same stream and predicts what the real engine measured.
///
/// A measurement taken several times (`make calibrate`: three rounds by default, `scripts/calibrate.sh --repeats N`) is compared
/// as medians: the lab replays every run with that run's clocks, and its
/// median prediction meets the median measurement.
///
/// Bounds (issue 18): a latency percentile is within 25 % of the measurement,
/// or within 20 ms where the measurement is under 80 ms; a sustainable
/// throughput within 30 % (a measurement that never failed is a lower bound:
/// the prediction must reach 70 % of it).
public struct CalibrationCheck: Sendable {
    public struct Comparison: Sendable, Equatable {
        public var id: String
        public var quantity: String
        public var predicted: Double
        public var measured: Double
        public var isLowerBound = false
        /// Why the lab could not predict it, when it could not.
        public var unsupported: String?

        public var relativeError: Double { measured == 0 ? 0 : (predicted - measured) / measured }

        public var withinBound: Bool {
            if unsupported != nil { return false }
            if quantity == "throughput" {
                return isLowerBound ? predicted >= 0.7 * measured : abs(relativeError) <= 0.30
            }
            return abs(relativeError) <= 0.25 || (measured < 80 && abs(predicted - measured) <= 20)
        }
    }

    public var data: CalibrationData
    public var comparisons: [Comparison]

    public var failures: [Comparison] { comparisons.filter { !$0.withinBound } }

    /// Runs the lab on every measurement and, unless `latencyOnly`, every
    /// search (on `jobs` threads; the result does not depend on it), with
    /// `costModels` in place of the named presets' constants.
    public static func run(_ data: CalibrationData, costModels: [String: CostModel] = [:], latencyOnly: Bool = false,
                           jobs: Int) -> CalibrationCheck {
        let latency = ParallelMap.run(count: data.measurements.count, jobs: jobs) { index in
            latencyComparisons(data.measurements[index], workload: data.workload, costModels: costModels)
        }
        let throughput = ParallelMap.run(count: latencyOnly ? 0 : data.searches.count, jobs: jobs) { index in
            throughputComparison(data.searches[index], workload: data.workload, costModels: costModels)
        }
        return CalibrationCheck(data: data, comparisons: latency.flatMap { $0 } + throughput)
    }

    static func latencyComparisons(_ measurement: CalibrationData.Measurement, workload: CalibrationData.Workload,
                                   costModels: [String: CostModel]) -> [Comparison] {
        let real = measurement.processingTime
        func compare(_ predicted: CalibrationData.Percentiles?, unsupported: String?) -> [Comparison] {
            [Comparison(id: measurement.id, quantity: "p50", predicted: predicted?.p50Millis ?? 0, measured: real.p50Millis,
                        unsupported: unsupported),
             Comparison(id: measurement.id, quantity: "p99", predicted: predicted?.p99Millis ?? 0, measured: real.p99Millis,
                        unsupported: unsupported)]
        }
        do {
            // Each run is replayed with its own clocks; the prediction is the
            // median of the runs' predictions, as the measurement is the
            // median of the runs' measurements.
            let events = try CalibrationRun.events(workload, rate: measurement.ratePerSecond, engine: measurement.engine)
            var predicted: [CalibrationData.Percentiles] = []
            for run in measurement.runs {
                let engine = try CalibrationRun.engine(engineName: measurement.engine, configuration: measurement.configuration,
                                                       timers: run, costModel: costModels[measurement.engine])
                predicted.append(CalibrationRun.measure(engine, events: events, workload: workload).processingTime)
            }
            return compare(CalibrationData.median(predicted), unsupported: nil)
        } catch {
            return compare(nil, unsupported: error.reason)
        }
    }

    static func throughputComparison(_ search: CalibrationData.ThroughputSearch, workload: CalibrationData.Workload,
                                     costModels: [String: CostModel]) -> Comparison {
        var comparison = Comparison(id: search.id, quantity: "throughput", predicted: 0, measured: Double(search.eventsPerSecond),
                                    isLowerBound: search.isLowerBound)
        do {
            let engine = try CalibrationRun.engine(engineName: search.engine, configuration: search.configuration,
                                                   timers: nil, costModel: costModels[search.engine])
            comparison.predicted = Double(try sustainableRate(engine, workload: workload, engineName: search.engine))
        } catch {
            comparison.unsupported = error.reason
        }
        return comparison
    }

    /// The search `make calibrate` runs on the real engine (Calibration/calibrate.py):
    /// double from the workload's start rate until a rate is not sustainable
    /// (up to its cap), then three bisection steps.
    static func sustainableRate(_ engine: DeliveryEngine, workload: CalibrationData.Workload, engineName: String) throws(InputError) -> Int {
        func sustainable(_ rate: Int) throws(InputError) -> Bool {
            let events = try CalibrationRun.events(workload, rate: rate, engine: engineName)
            return CalibrationRun.measure(engine, events: events, workload: workload).sustainable
        }
        var good: Int?, bad: Int?, rate = workload.searchStartPerSecond
        while rate <= workload.searchCapPerSecond {
            if try sustainable(rate) { good = rate; rate *= 2 } else { bad = rate; break }
        }
        if var low = good, var high = bad {
            for _ in 0..<3 {
                let middle = (low + high) / 2
                if try sustainable(middle) { low = middle } else { high = middle }
            }
            good = low
        }
        return good ?? 0
    }
}
