import SimKernel
import Workloads

/// A small, seeded input stream for delivery tests: Poisson arrivals, a few
/// keys, event times a little before arrival (so some disorder).
enum TinyWorkload {
    static func events(seed: UInt64, count: Int, keys: Int = 3, ratePerSecond: Double = 50) -> [Event] {
        let stream = RandomStream(root: seed, component: "tiny-workload")
        var events: [Event] = []
        var arrival = Instant.zero
        for id in 0..<count {
            arrival = arrival + Duration.micros(roundingSeconds: stream.exponential(mean: 1 / ratePerSecond))
            let delay = Duration.micros(roundingSeconds: stream.uniform(lower: 0, upper: 0.05))
            events.append(Event(
                id: UInt64(id), key: Int32(stream.nextIndex(below: keys)), kind: UInt16(stream.nextIndex(below: 2)),
                partition: Int32(stream.nextIndex(below: 4)), value: Double(1 + stream.nextIndex(below: 5)),
                eventTime: Instant(micros: max(0, (arrival - delay).micros)), arrivalTime: arrival))
        }
        return events
    }

    static let query = QuerySettingsFixture.query
}

import Delivery

enum QuerySettingsFixture {
    static let query = QuerySettings(windowSizeMicros: 500_000, watermarkDelayMicros: 100_000, kindSigns: [1, -1])
}
