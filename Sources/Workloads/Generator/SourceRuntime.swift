import SimKernel

/// One source of a scenario while it generates: its arrival process merged
/// with its planted bursts, and the samplers that fill in an event. Every
/// sampler has its own stream named `<scenario>/<source>/<concern>`.
final class SourceRuntime {
    let index: Int
    let spec: SourceSpec
    let arrivals: any ArrivalProcess
    let keys: KeyPicker
    let valueStream: RandomStream
    let values: PreparedDistribution
    let hasFollowUps: Bool
    let kindStream: RandomStream
    let producerStream: RandomStream
    let attributeStream: RandomStream
    let followUpStream: RandomStream
    let kindSampler: CategoricalSampler?
    /// The kind cycle for `KindSelection.cycle` (NEXMark: 1 person, 3 auctions, 46 bids).
    let kindCycle: [UInt16]
    @exclusivity(unchecked) var kindCyclePosition = 0
    let disorder: ProducerDisorder
    let planted: PlantedBursts?
    @exclusivity(unchecked) var plantedPosition = 0
    /// The arrival process when it is the homogeneous Poisson one, called
    /// directly instead of through the existential (the reference workload's
    /// hot path: a witness-table call and a retain per event otherwise).
    /// Unowned: `arrivals` holds the same object for the source's lifetime,
    /// and a strong reference here cost a retain/release pair per event.
    unowned(unsafe) let poisson: PoissonArrivals?
    /// The process's next draw, not yet taken: its time (`Int64.max` once the
    /// process is exhausted) and fixed key (or -1).
    @exclusivity(unchecked) var pendingMicros: Int64 = .max
    @exclusivity(unchecked) var pendingKey: Int32 = -1
    /// The next planted event's time, or `Int64.max` when none is left.
    @exclusivity(unchecked) var plantedMicros: Int64 = .max
    /// The kind every event gets when the source has a single kind.
    let onlyKind: UInt16?
    /// The true time of this source's next event (µs since start), or
    /// `Int64.max` when it is exhausted or past the horizon.
    @exclusivity(unchecked) private(set) var nextTimeMicros: Int64 = .max
    let horizonMicros: Int64
    /// For `partition(of:)`: the divisor and ⌊2^64 / divisor⌋ + 1 (wrapping to 0 for 1).
    let partitionDivisor: UInt64
    let partitionMagic: UInt64

    init(index: Int, spec: SourceSpec, scenario: Scenario, seed: UInt64, horizonMicros: Int64) {
        let component = "\(scenario.name)/\(spec.name)"
        func stream(_ concern: String) -> RandomStream { RandomStream(root: seed, component: "\(component)/\(concern)") }
        self.index = index
        self.spec = spec
        self.horizonMicros = horizonMicros
        precondition(spec.partitionCount > 0 && spec.partitionCount <= Int(Int32.max), "partition count out of range")
        partitionDivisor = UInt64(spec.partitionCount)
        partitionMagic = Self.fastRemainderMagic(divisor: partitionDivisor)
        keys = KeyPicker(space: scenario.keySpace, choice: spec.keys, stream: stream("keys"))
        arrivals = spec.arrivals.makeProcess(stream: stream("arrivals"), keys: keys)
        valueStream = stream("values")
        values = PreparedDistribution(spec.values)
        hasFollowUps = !spec.followUps.isEmpty
        kindStream = stream("kinds")
        producerStream = stream("producers")
        attributeStream = stream("attributes")
        followUpStream = stream("follow-ups")
        kindSampler = spec.kinds.count > 1 && spec.kindSelection == .random
            ? CategoricalSampler(weights: spec.kinds.map(\.weight)) : nil
        kindCycle = spec.kindSelection == .cycle
            ? spec.kinds.flatMap { Array(repeating: $0.kind, count: Int($0.weight)) } : []
        disorder = ProducerDisorder(spec: spec.disorder, producerCount: spec.producerCount, root: seed, component: component)
        planted = spec.planted.map {
            PlantedBursts(spec: $0, keySpace: scenario.keySpace, attribute: spec.attribute, stream: stream("planted"))
        }
        poisson = arrivals as? PoissonArrivals
        onlyKind = spec.kinds.count == 1 ? spec.kinds[0].kind : nil
        plantedMicros = planted?.events.first?.timeMicros ?? .max
        drawPending()
    }

    /// Draws the process's next arrival into `pendingMicros`/`pendingKey`.
    @inline(__always) private func drawPending() {
        if let poisson {
            pendingMicros = poisson.nextTimeMicros()
        } else if let draw = arrivals.next() {
            pendingMicros = draw.timeMicros
            pendingKey = draw.key
        } else {
            pendingMicros = .max
            pendingKey = -1
        }
        updateNextTime()
    }

    @inline(__always) private func updateNextTime() {
        let next = Swift.min(pendingMicros, plantedMicros)
        nextTimeMicros = next < horizonMicros ? next : .max
    }

    /// Takes the next draw: time, fixed key (or -1) and fixed attribute (or
    /// -1). A planted event goes first only when strictly earlier.
    @inline(__always) func take() -> (timeMicros: Int64, key: Int32, attribute: Int32) {
        if plantedMicros < pendingMicros { return takePlanted() }
        let draw = (pendingMicros, pendingKey, Int32(-1))
        drawPending()
        return draw
    }

    private func takePlanted() -> (timeMicros: Int64, key: Int32, attribute: Int32) {
        let events = planted!.events
        let event = events[plantedPosition]
        plantedPosition += 1
        plantedMicros = plantedPosition < events.count ? events[plantedPosition].timeMicros : .max
        updateNextTime()
        return (event.timeMicros, event.key, event.attribute)
    }

    @inline(__always) func nextKind() -> UInt16 {
        if let onlyKind { return onlyKind }
        if !kindCycle.isEmpty {
            let kind = kindCycle[kindCyclePosition]
            kindCyclePosition = kindCyclePosition + 1 == kindCycle.count ? 0 : kindCyclePosition + 1
            return kind
        }
        if let kindSampler { return spec.kinds[kindSampler.next(kindStream)].kind }
        return spec.kinds[0].kind
    }

    /// `key % partitionCount` for a non-negative key, by Lemire, Kaser and
    /// Kurz's exact "fastmod" (two multiplications) instead of a division,
    /// which cost more than the rest of filling in an event.
    @inline(__always) func partition(of key: Int32) -> Int32 {
        guard key >= 0 else { return key % Int32(truncatingIfNeeded: spec.partitionCount) }
        return Int32(truncatingIfNeeded: Self.remainder(UInt32(bitPattern: key), divisor: partitionDivisor, magic: partitionMagic))
    }

    static func fastRemainderMagic(divisor: UInt64) -> UInt64 { (UInt64.max / divisor) &+ 1 }

    /// `value % divisor` for 32-bit values and divisors, exact for all of them.
    @inline(__always) static func remainder(_ value: UInt32, divisor: UInt64, magic: UInt64) -> UInt64 {
        (magic &* UInt64(value)).multipliedFullWidth(by: divisor).high
    }

    @inline(__always) func producer(for key: Int32) -> Int32 {
        if spec.producerByKey { return key % Int32(truncatingIfNeeded: spec.producerCount) }
        return spec.producerCount == 1 ? 0 : Int32(producerStream.nextIndex(below: spec.producerCount))
    }

    @inline(__always) func attribute(for key: Int32) -> Int32 {
        switch spec.attribute {
        case .none: return 0
        case .uniform(let count): return Int32(attributeStream.nextIndex(below: count))
        case .home(let count): return homeAttribute(key: key, count: count)
        }
    }
}
