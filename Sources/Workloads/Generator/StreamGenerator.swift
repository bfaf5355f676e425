import SimKernel

/// A scenario's event stream, pulled one event at a time in ARRIVAL order
/// (ties broken by id, then attempt).
///
/// Model: each source produces events in true-time order; follow-ups wait in
/// a small heap until their true time. The generator repeatedly takes the
/// earliest next true time among them, gives that event the next id, stamps
/// its event time (true time + producer skew) and arrival time (true time,
/// or the end of the producer's offline period, + transport delay; retries
/// later still), and puts it in the reorder buffer keyed by arrival. Arrival is
/// never before true time, so once the buffer's earliest arrival is ≤ the next
/// true time, no event not yet generated can arrive before it, and it is
/// delivered. Memory is therefore the number of events in flight, never the
/// stream's length; after warm-up `next()` allocates nothing.
///
/// The stream ends after `maxEvents` delivered events (duplicates count)
/// and/or when true time reaches the horizon (`duration` after the start);
/// at least one bound always applies, so every run is bounded.
public final class StreamGenerator: IteratorProtocol, Sequence {
    struct FollowUp: HeapOrdered {
        var timeMicros: Int64
        var sequence: UInt64
        var source: Int
        var key: Int32
        var producer: Int32
        var kind: UInt16

        /// By time; the sequence number breaks ties, so the order is total.
        func precedes(_ other: FollowUp) -> Bool { (timeMicros, sequence) < (other.timeMicros, other.sequence) }
    }

    public let scenario: Scenario
    public let seed: UInt64
    public let maxEvents: Int
    public let duration: Duration?
    let sources: [SourceRuntime]
    /// `sources[0]`, read without array access on the one-source fast path.
    /// Unowned: `sources` keeps it alive for the generator's lifetime, and a
    /// strong reference cost a retain/release pair per event.
    unowned(unsafe) let firstSource: SourceRuntime
    @exclusivity(unchecked) var followUps = BinaryMinHeap<FollowUp>()
    @exclusivity(unchecked) var followUpSequence: UInt64 = 0
    let reorder = ArrivalReorderBuffer()
    /// The specialised path when the scenario's one source is plain (see
    /// `PlainSourceLane`); nil otherwise. Held by pointer so the hot loop
    /// reads and steps it in place: as an optional stored struct, every
    /// access copied all of it (~40 instructions per event in callgrind).
    let lane: UnsafeMutablePointer<PlainSourceLane>?
    @exclusivity(unchecked) var nextId: UInt64 = 0
    @exclusivity(unchecked) public private(set) var deliveredCount = 0
    /// The largest reorder-buffer size seen: the memory high-water mark.
    @exclusivity(unchecked) public private(set) var peakInFlight = 0
    let startMicros: Int64
    let horizonMicros: Int64

    /// Keys of the planted bursts (the fraudulent cards), sorted; empty when
    /// the scenario plants none.
    public let plantedKeys: [Int32]

    // The mutable state above is marked `@exclusivity(unchecked)`: the
    // generator is single-threaded and never hands out inout access to it,
    // and the dynamic checks cost about a tenth of the hot path.

    /// `allowsLane: false` runs a plain scenario through the general path;
    /// only tests use it, to compare the two paths.
    init(scenario: Scenario, seed: UInt64, maxEvents: Int?, duration: Duration?, allowsLane: Bool = true) {
        precondition(maxEvents != nil || duration != nil, "a generator needs an event limit or a duration")
        precondition((maxEvents ?? 0) >= 0 && (duration?.micros ?? 0) >= 0)
        self.scenario = scenario
        self.seed = seed
        self.maxEvents = maxEvents ?? .max
        self.duration = duration
        startMicros = scenario.start.micros
        horizonMicros = duration?.micros ?? .max
        sources = scenario.sources.enumerated().map {
            SourceRuntime(index: $0.offset, spec: $0.element, scenario: scenario, seed: seed, horizonMicros: duration?.micros ?? .max)
        }
        firstSource = sources[0]
        plantedKeys = Array(Set(sources.flatMap { $0.planted?.keys ?? [] })).sorted()
        if sources.count == 1, allowsLane, let plain = PlainSourceLane(sources[0]) {
            let pointer = UnsafeMutablePointer<PlainSourceLane>.allocate(capacity: 1)
            pointer.initialize(to: plain)
            lane = pointer
        } else {
            lane = nil
        }
    }

    deinit {
        lane?.deinitialize(count: 1)
        lane?.deallocate()
    }

    /// True when events come from the plain-source lane.
    var usesLane: Bool { lane != nil }

    /// The number of events generated but not yet delivered.
    public var inFlightCount: Int { reorder.count }

    public func next() -> Event? {
        guard deliveredCount < maxEvents else { return nil }
        if let lane { return next(from: lane) }
        // Bounded: each pass delivers, generates one event at a strictly
        // non-decreasing true time below the horizon, or ends the stream.
        while true {
            var nextTrue = Int64.max
            var chosen = -1
            if sources.count == 1 {
                nextTrue = firstSource.nextTimeMicros
                if nextTrue != .max { chosen = 0 }
            } else {
                for source in sources where source.nextTimeMicros < nextTrue {
                    nextTrue = source.nextTimeMicros
                    chosen = source.index
                }
            }
            if let followUp = followUps.min, followUp.timeMicros < nextTrue {
                nextTrue = followUp.timeMicros
                chosen = -2
            }
            if let event = reorder.popIfDue(atOrBefore: nextTrue == .max ? .max : startMicros &+ nextTrue) {
                deliveredCount += 1
                return event
            }
            if chosen == -1 { return nil }
            if chosen == -2 {
                let followUp = followUps.removeMin()
                emit(sources[followUp.source], trueMicros: followUp.timeMicros, key: followUp.key, producer: followUp.producer,
                     kind: followUp.kind, attribute: -1)
            } else {
                let source = chosen == 0 ? firstSource : sources[chosen]
                let draw = source.take()
                let key = draw.key >= 0 ? draw.key : source.keys.next()
                emit(source, trueMicros: draw.timeMicros, key: key, producer: source.producer(for: key),
                     kind: source.nextKind(), attribute: draw.attribute)
            }
            if reorder.count > peakInFlight { peakInFlight = reorder.count }
        }
    }

    /// `next()` for a plain source: the same loop with one source, no
    /// follow-ups, and the event made by the lane.
    @inline(__always)
    private func next(from lane: UnsafeMutablePointer<PlainSourceLane>) -> Event? {
        // Bounded: each pass delivers, generates at least one event at a
        // strictly non-decreasing true time below the horizon, or ends the
        // stream.
        while true {
            let pendingMicros = lane.pointee.pendingMicros
            let nextTrue = pendingMicros < horizonMicros ? pendingMicros : .max
            if let event = reorder.popIfDue(atOrBefore: nextTrue == .max ? .max : startMicros &+ nextTrue) {
                deliveredCount += 1
                return event
            }
            if nextTrue == .max { return nil }
            // Generate a run of events, not one: delivering and generating
            // then come in runs, so the deliver-or-generate branch above is
            // predictable (one at a time it follows the random interleaving
            // of arrivals and true times and was mispredicted about every
            // other event). The delivery rule is unchanged, so the order is
            // the same; only up to `laneRunLength` more events are in flight.
            //
            // The run is specialised for the usual shapes (a lognormal delay
            // and a uniform value, as in the reference workload): with the
            // shapes known, the two per-event switches over them vanish.
            if lane.pointee.hasUsualShapes {
                generateRun(lane, delayShape: .lognormal, valueShape: .uniform)
            } else {
                generateRun(lane, delayShape: lane.pointee.delay?.shape, valueShape: lane.pointee.values.shape)
            }
            if reorder.count > peakInFlight { peakInFlight = reorder.count }
        }
    }

    @inline(__always)
    private func generateRun(
        _ lane: UnsafeMutablePointer<PlainSourceLane>, delayShape: PreparedDistribution.Shape?,
        valueShape: PreparedDistribution.Shape
    ) {
        for _ in 0..<Self.laneRunLength {
            guard lane.pointee.pendingMicros < horizonMicros else { break }
            let trueMicros = lane.pointee.takeArrival()
            reorder.push(lane.pointee.event(
                id: nextId, trueMicros: trueMicros, startMicros: startMicros, delayShape: delayShape, valueShape: valueShape))
            nextId += 1
        }
    }

    /// Events the plain lane generates per run (see `next(from:)`).
    static let laneRunLength = 32

    @inline(__always)
    func emit(_ source: SourceRuntime, trueMicros: Int64, key: Int32, producer: Int32, kind: UInt16, attribute: Int32) {
        let disorder = source.disorder
        let absolute = startMicros &+ trueMicros
        var sendMicros = absolute
        if disorder.hasOffline {
            let sendSeconds = disorder.sendSeconds(producer: producer, trueSeconds: Double(trueMicros) / 1_000_000)
            sendMicros = startMicros &+ Swift.max(trueMicros, roundedMicros(sendSeconds))
        }
        var event = Event(
            id: nextId, key: key, kind: kind, attempt: 0, producer: producer,
            partition: source.partition(of: key),
            attribute: attribute >= 0 ? attribute : source.attribute(for: key),
            value: source.values.sample(source.valueStream),
            eventTime: Instant(micros: absolute &+ disorder.skew(producer: producer)),
            arrivalTime: Instant(micros: sendMicros &+ disorder.delayMicros()))
        nextId += 1
        reorder.push(event)
        let retries = disorder.retryCount()
        if retries > 0 {
            for attempt in 1...retries {
                event.attempt = UInt8(attempt)
                event.arrivalTime = Instant(micros: event.arrivalTime.micros &+ disorder.backoffMicros())
                reorder.push(event)
            }
        }
        guard source.hasFollowUps else { return }
        for followUp in source.spec.followUps where followUp.triggerKind == kind {
            guard source.followUpStream.nextUnit() < followUp.probability else { continue }
            let delay = Swift.max(0, roundedMicros(followUp.delaySeconds.sample(source.followUpStream)))
            let time = trueMicros &+ delay
            guard time < horizonMicros else { continue }
            followUps.insert(FollowUp(timeMicros: time, sequence: followUpSequence, source: source.index, key: key, producer: producer, kind: followUp.kind))
            followUpSequence += 1
        }
    }
}

extension Scenario {
    /// A generator for this scenario. With neither bound given, the file's
    /// `default_events` / `default_duration` apply.
    public func makeGenerator(seed: UInt64, maxEvents: Int? = nil, duration: Duration? = nil) -> StreamGenerator {
        let useDefaults = maxEvents == nil && duration == nil
        return StreamGenerator(
            scenario: self, seed: seed, maxEvents: useDefaults ? defaultEvents : maxEvents,
            duration: useDefaults ? defaultDuration : duration)
    }

    /// The keys this scenario plants a pattern in (the fraudulent cards) at `seed`.
    public func plantedKeys(seed: UInt64) -> [Int32] {
        makeGenerator(seed: seed, maxEvents: 0).plantedKeys
    }
}
