import SimKernel

/// The planted pattern of a source (card fraud: a card used N times within T
/// at N different places). Made once at construction from its own stream;
/// it holds `keyCount × burstsPerKey × eventsPerBurst` small records, sorted
/// by time, independent of the stream's length.
struct PlantedBursts {
    struct Planted {
        var timeMicros: Int64
        var key: Int32
        var attribute: Int32
    }

    let keys: [Int32]
    let events: [Planted]

    init(spec: PlantedBurstSpec, keySpace: KeySpace, attribute: AttributeSpec, stream: RandomStream) {
        var chosen: [Int32] = []
        // Bounded: keyCount ≤ key space size (checked when parsing), so
        // distinct draws finish; the cap guards the invariant.
        var draws = 0
        while chosen.count < spec.keyCount, draws < 100_000_000 {
            let key = Int32(stream.nextIndex(below: keySpace.count))
            if !chosen.contains(key) { chosen.append(key) }
            draws += 1
        }
        var events: [Planted] = []
        let places: Int
        switch attribute {
        case .none: places = 1
        case .uniform(let count), .home(let count): places = count
        }
        for key in chosen {
            let home = homeAttribute(key: key, count: places)
            for _ in 0..<spec.burstsPerKey {
                let start = stream.uniform(lower: spec.startAfterSeconds, upper: spec.startBeforeSeconds)
                let offsets = (0..<spec.eventsPerBurst).map { _ in stream.uniform(lower: 0, upper: spec.windowSeconds) }.sorted()
                for (index, offset) in offsets.enumerated() {
                    // Each event of a burst at another place, none at home.
                    let place = places == 1 ? 0 : Int32((Int(home) + 1 + index % (places - 1)) % places)
                    events.append(Planted(timeMicros: roundedMicros(start + offset), key: key, attribute: place))
                }
            }
        }
        self.keys = chosen.sorted()
        self.events = events.sorted { ($0.timeMicros, $0.key) < ($1.timeMicros, $1.key) }
    }
}
