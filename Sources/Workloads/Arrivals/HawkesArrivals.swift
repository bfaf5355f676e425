import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hawkes self-exciting arrivals (Hawkes 1971) with an exponential kernel,
/// simulated by Ogata's (1981) thinning.
///
/// Intensity: `λ(t) = μ(t) + S(t)`, where `S` jumps by `n·β` at every event
/// and decays as `e^{−β·Δt}` (β = 1/decay); each event therefore triggers
/// `n` (the branching ratio) further events on average, and bursts cascade.
/// `μ(t)` is the baseline plus an optional surge `r·e^{−(t−s)/τ}` from time
/// `s`, the "viral moment". Between events λ only decreases except at the
/// surge start, so the intensity at the current time bounds it until the
/// next event or the surge start; a candidate beyond the surge start is
/// discarded and the clock moved to it, which keeps thinning exact.
public final class HawkesArrivals: ArrivalProcess {
    let spec: HawkesSpec
    let stream: RandomStream
    let jump: Double
    let beta: Double
    @exclusivity(unchecked) var clockSeconds: Double = 0
    @exclusivity(unchecked) var excitation: Double = 0

    public init(spec: HawkesSpec, stream: RandomStream) {
        self.spec = spec
        self.stream = stream
        beta = 1 / spec.decaySeconds
        jump = spec.branchingRatio * beta
    }

    func baseline(at time: Double) -> Double {
        guard let surgeAt = spec.surgeAtSeconds, time >= surgeAt else { return spec.baselineRatePerSecond }
        return spec.baselineRatePerSecond + spec.surgeRatePerSecond * exp(-(time - surgeAt) / spec.surgeDecaySeconds)
    }

    public func next() -> ArrivalDraw? {
        // Bounded: the acceptance probability is at least μ/bound > 0, so
        // ten million rejections in a row means a broken invariant.
        for _ in 0..<10_000_000 {
            let bound = baseline(at: clockSeconds) + excitation
            let candidate = clockSeconds + stream.exponential(mean: 1 / bound)
            if let surgeAt = spec.surgeAtSeconds, clockSeconds < surgeAt, candidate >= surgeAt {
                excitation *= exp(-beta * (surgeAt - clockSeconds))
                clockSeconds = surgeAt
                continue
            }
            excitation *= exp(-beta * (candidate - clockSeconds))
            clockSeconds = candidate
            let intensity = baseline(at: candidate) + excitation
            if stream.nextUnit() * bound <= intensity {
                excitation += jump
                return ArrivalDraw(timeMicros: roundedMicros(candidate))
            }
        }
        preconditionFailure("Hawkes: ten million rejections in a row")
    }
}
