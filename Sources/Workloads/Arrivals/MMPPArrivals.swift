import SimKernel

/// A Markov-modulated Poisson process: the rate is that of the current
/// state; states are held for exponential times and visited in a cycle.
/// With an "off" state of rate 0 this is the classic on-off burst source.
/// Counts per second are over-dispersed (index of dispersion well above 1)
/// whenever state holding times are long compared to a second.
public final class MMPPArrivals: ArrivalProcess {
    let states: [MMPPState]
    let stream: RandomStream
    @exclusivity(unchecked) var state = 0
    @exclusivity(unchecked) var clockSeconds: Double = 0
    @exclusivity(unchecked) var stateEndSeconds: Double

    public init(states: [MMPPState], stream: RandomStream) {
        precondition(states.contains { $0.ratePerSecond > 0 })
        self.states = states
        self.stream = stream
        stateEndSeconds = stream.exponential(mean: states[0].meanDurationSeconds)
    }

    public func next() -> ArrivalDraw? {
        // Bounded: each pass either returns or moves to the next state, and
        // a cycle contains a state with a positive rate; a million
        // consecutive empty states would be a broken invariant.
        for _ in 0..<1_000_000 {
            let rate = states[state].ratePerSecond
            if rate > 0 {
                let candidate = clockSeconds + stream.exponential(mean: 1 / rate)
                if candidate < stateEndSeconds {
                    clockSeconds = candidate
                    return ArrivalDraw(timeMicros: roundedMicros(candidate))
                }
            }
            // Memoryless: restarting the gap at the state change is exact.
            clockSeconds = stateEndSeconds
            state = (state + 1) % states.count
            stateEndSeconds = clockSeconds + stream.exponential(mean: states[state].meanDurationSeconds)
        }
        preconditionFailure("MMPP: no arrival in a million state changes")
    }
}
