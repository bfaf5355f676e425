import SimKernel

/// The generator's specialised per-event path for a "plain" source: the one
/// source of a scenario with Poisson arrivals, uniform keys, a single kind,
/// producers fixed by key (or just one), no planted pattern, no follow-ups,
/// and disorder made of a transport delay only, with values and delay drawn
/// inline (`PreparedDistribution.isInline`), all from taus2 streams (the
/// default algorithm). The reference workload is such a scenario.
///
/// Why: through `SourceRuntime`, `KeyPicker` and `ProducerDisorder` each
/// event paid class hops that Swift guards with retain/release pairs around
/// every `log1p`/GSL call (three pairs per event, ~120 instructions in
/// callgrind), plus a witness-table call for the arrival process. Here every
/// piece of state the event needs is a value in one struct: random-stream
/// handles (raw pointers; the `SourceRuntime` keeps their streams alive),
/// the Poisson clock, and the parameters.
///
/// The lane makes the same draws from the same streams in the same order as
/// the general path, so the events are identical; `PlainSourceLaneTests`
/// compares the two, event by event, on several plain scenarios. The
/// scenario decides which path runs, never the caller.
struct PlainSourceLane {
    let arrivalDraws: Taus2Handle
    let meanGapSeconds: Double
    /// The Poisson process's clock and its next draw, taken over from the
    /// source's `PoissonArrivals` (which is not called again).
    var clockSeconds: Double
    var pendingMicros: Int64
    let keyDraws: Taus2Handle
    let keyRule: UniformIndexRule
    let valueDraws: Taus2Handle
    let values: PreparedDistribution
    let delayDraws: Taus2Handle
    let delay: PreparedDistribution?
    let kind: UInt16
    let producerByKey: Bool
    let producerCount: Int32
    let partitionDivisor: UInt64
    let partitionMagic: UInt64
    /// `AttributeSpec.home`'s count, or 0 for `.none`.
    let homeAttributeCount: Int
    /// True when the delay is lognormal and the value uniform, the shapes
    /// the generator's run loop is specialised for.
    let hasUsualShapes: Bool

    /// The lane for `source`, or nil when the source is not plain.
    init?(_ source: SourceRuntime) {
        let spec = source.spec
        guard let poisson = source.poisson, let kind = source.onlyKind, let arrivalDraws = poisson.stream.taus2,
              let keyDraws = source.keys.stream.taus2, let valueDraws = source.valueStream.taus2,
              let delayDraws = source.disorder.delayStream.taus2, source.planted == nil, !source.hasFollowUps,
              source.keys.zipf == nil, spec.producerByKey || spec.producerCount == 1,
              spec.disorder.clockSkewSeconds == nil, spec.disorder.offline == nil,
              (spec.disorder.retries?.probability ?? 0) == 0,
              source.values.isInline, source.disorder.delay?.isInline ?? true else { return nil }
        switch spec.attribute {
        case .none: homeAttributeCount = 0
        case .home(let count): homeAttributeCount = count
        case .uniform: return nil
        }
        self.arrivalDraws = arrivalDraws
        meanGapSeconds = poisson.meanGapSeconds
        clockSeconds = poisson.clockSeconds
        pendingMicros = source.pendingMicros
        self.keyDraws = keyDraws
        keyRule = source.keys.uniformRule
        self.valueDraws = valueDraws
        values = source.values
        self.delayDraws = delayDraws
        delay = source.disorder.delay
        self.kind = kind
        producerByKey = spec.producerByKey
        producerCount = Int32(truncatingIfNeeded: spec.producerCount)
        partitionDivisor = source.partitionDivisor
        partitionMagic = source.partitionMagic
        hasUsualShapes = delay?.shape == .lognormal && values.shape == .uniform
    }

    /// Takes the pending arrival's true time and draws the next one
    /// (`PoissonArrivals.advance`, the process's own rule).
    @inline(__always) mutating func takeArrival() -> Int64 {
        let taken = pendingMicros
        pendingMicros = PoissonArrivals.advance(clockSeconds: &clockSeconds, meanGapSeconds: meanGapSeconds, draws: arrivalDraws)
        return taken
    }

    /// The event made at `trueMicros` (µs since `startMicros`), as
    /// `StreamGenerator.emit` would make it for this source.
    ///
    /// `mutating` although it changes nothing but the streams' state (which
    /// lies behind the handles): called on `pointee`, a non-mutating method
    /// copied the whole lane into registers and stack slots first, and
    /// `mutating` reads each field in place where it is used (callgrind:
    /// 21 instructions fewer per event).
    ///
    /// `delayShape` and `valueShape` must be `delay?.shape` and
    /// `values.shape`; passed as constants, they specialise the draws.
    @inline(__always) mutating func event(
        id: UInt64, trueMicros: Int64, startMicros: Int64, delayShape: PreparedDistribution.Shape?,
        valueShape: PreparedDistribution.Shape
    ) -> Event {
        let key = KeyPicker.uniformKey(rule: keyRule, draws: keyDraws)
        let absoluteMicros = startMicros &+ trueMicros
        var delayMicros: Int64 = 0
        if let delayShape, let delay {
            delayMicros = Swift.max(0, roundedMicros(delay.sampleInline(delayDraws, shape: delayShape)))
        }
        return Event(
            id: id, key: key, kind: kind, attempt: 0,
            producer: producerByKey ? key % producerCount : 0,
            partition: Int32(truncatingIfNeeded: SourceRuntime.remainder(
                UInt32(bitPattern: key), divisor: partitionDivisor, magic: partitionMagic)),
            attribute: homeAttributeCount == 0 ? 0 : homeAttribute(key: key, count: homeAttributeCount),
            value: values.sampleInline(valueDraws, shape: valueShape),
            eventTime: Instant(micros: absoluteMicros),
            arrivalTime: Instant(micros: absoluteMicros &+ delayMicros))
    }
}
