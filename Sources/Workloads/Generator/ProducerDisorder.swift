import SimKernel

/// The disorder a source's producers add between an event's true time and
/// its arrival at the source:
/// - transport delay: one draw per send (negative draws count as 0);
/// - clock skew: each producer's constant offset, drawn once, applied to
///   the event time it stamps (so event time may even exceed arrival time);
/// - offline periods: a flaky producer alternates exponential online and
///   offline periods; an event made while offline is held and sent when the
///   producer returns, arriving as part of a backlog (very late);
/// - retries: a send is repeated with a probability, same id, next attempt.
/// Each concern draws from its own stream, so turning one on does not shift
/// the numbers of another.
final class ProducerDisorder {
    let spec: DisorderSpec
    let delayStream: RandomStream
    let offlineStream: RandomStream
    let retryStream: RandomStream
    let skewMicros: [Int64]
    let delay: PreparedDistribution?
    let hasOffline: Bool
    let flaky: [Bool]
    /// Per producer: end of the current offline period and start of the next one.
    @exclusivity(unchecked) var offlineStartSeconds: [Double]
    @exclusivity(unchecked) var offlineEndSeconds: [Double]

    init(spec: DisorderSpec, producerCount: Int, root: UInt64, component: String) {
        self.spec = spec
        delay = spec.delaySeconds.map(PreparedDistribution.init)
        hasOffline = spec.offline != nil
        delayStream = RandomStream(root: root, component: component + "/delay")
        offlineStream = RandomStream(root: root, component: component + "/offline")
        retryStream = RandomStream(root: root, component: component + "/retries")
        if let skew = spec.clockSkewSeconds {
            let stream = RandomStream(root: root, component: component + "/clock-skew")
            skewMicros = (0..<producerCount).map { _ in roundedMicros(skew.sample(stream)) }
        } else {
            skewMicros = []
        }
        if let offline = spec.offline {
            let stream = offlineStream
            flaky = (0..<producerCount).map { _ in stream.nextUnit() < offline.producerFraction }
            offlineStartSeconds = flaky.map { $0 ? stream.exponential(mean: offline.meanOnlineSeconds) : .infinity }
            offlineEndSeconds = zip(flaky, offlineStartSeconds).map { $0 ? $1 + stream.exponential(mean: offline.meanOfflineSeconds) : .infinity }
        } else {
            flaky = []
            offlineStartSeconds = []
            offlineEndSeconds = []
        }
    }

    @inline(__always) func skew(producer: Int32) -> Int64 {
        skewMicros.isEmpty ? 0 : skewMicros[Int(producer)]
    }

    @inline(__always) func delayMicros() -> Int64 {
        guard let delay else { return 0 }
        return max(0, roundedMicros(delay.sample(delayStream)))
    }

    /// When a producer can send an event made at `trueSeconds`: at once, or
    /// when its current offline period ends.
    func sendSeconds(producer: Int32, trueSeconds: Double) -> Double {
        guard let offline = spec.offline, flaky[Int(producer)] else { return trueSeconds }
        let index = Int(producer)
        // Bounded: each pass moves the producer's schedule past one full
        // online+offline cycle, and true time is finite.
        var passes = 0
        while offlineEndSeconds[index] <= trueSeconds, passes < 10_000_000 {
            offlineStartSeconds[index] = offlineEndSeconds[index] + offlineStream.exponential(mean: offline.meanOnlineSeconds)
            offlineEndSeconds[index] = offlineStartSeconds[index] + offlineStream.exponential(mean: offline.meanOfflineSeconds)
            passes += 1
        }
        return trueSeconds >= offlineStartSeconds[index] ? offlineEndSeconds[index] : trueSeconds
    }

    /// The number of extra sends (0 when the first send is not retried).
    @inline(__always) func retryCount() -> Int {
        guard let retries = spec.retries, retries.probability > 0 else { return 0 }
        var extra = 0
        while extra + 1 < retries.maxAttempts, retryStream.nextUnit() < retries.probability { extra += 1 }
        return extra
    }

    @inline(__always) func backoffMicros() -> Int64 {
        max(0, roundedMicros(spec.retries!.backoffSeconds.sample(retryStream)))
    }
}
