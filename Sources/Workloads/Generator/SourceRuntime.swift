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
    @exclusivity(unchecked) var pending: ArrivalDraw?
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
        pending = arrivals.next()
        updateNextTime()
    }

    private func updateNextTime() {
        var next = pending?.timeMicros ?? .max
        if let planted, plantedPosition < planted.events.count { next = min(next, planted.events[plantedPosition].timeMicros) }
        nextTimeMicros = next < horizonMicros ? next : .max
    }

    /// Takes the next draw: time, fixed key (or -1) and fixed attribute (or -1).
    @inline(__always) func take() -> (timeMicros: Int64, key: Int32, attribute: Int32) {
        if let planted, plantedPosition < planted.events.count,
           pending == nil || planted.events[plantedPosition].timeMicros < pending!.timeMicros {
            let event = planted.events[plantedPosition]
            plantedPosition += 1
            updateNextTime()
            return (event.timeMicros, event.key, event.attribute)
        }
        let draw = pending!
        pending = arrivals.next()
        updateNextTime()
        return (draw.timeMicros, draw.key, -1)
    }

    @inline(__always) func nextKind() -> UInt16 {
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
