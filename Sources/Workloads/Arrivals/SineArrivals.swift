import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sine-modulated (diurnal) Poisson process,
/// `rate(t) = mean · (1 + a · sin(2π (t − phase) / period))`, simulated by
/// Lewis–Shedler thinning of a homogeneous process at the peak rate
/// `mean · (1 + a)`: a candidate is kept with probability rate(t) / peak.
public final class SineArrivals: ArrivalProcess {
    let meanRatePerSecond: Double
    let amplitude: Double
    let angularFrequency: Double
    let phaseSeconds: Double
    let peakRatePerSecond: Double
    let stream: RandomStream
    @exclusivity(unchecked) var clockSeconds: Double = 0

    public init(meanRatePerSecond: Double, amplitude: Double, periodSeconds: Double, phaseSeconds: Double, stream: RandomStream) {
        precondition(meanRatePerSecond > 0 && amplitude >= 0 && amplitude <= 1 && periodSeconds > 0)
        self.meanRatePerSecond = meanRatePerSecond
        self.amplitude = amplitude
        angularFrequency = 2 * Double.pi / periodSeconds
        self.phaseSeconds = phaseSeconds
        peakRatePerSecond = meanRatePerSecond * (1 + amplitude)
        self.stream = stream
    }

    public func rate(at time: Double) -> Double {
        meanRatePerSecond * (1 + amplitude * sin(angularFrequency * (time - phaseSeconds)))
    }

    public func next() -> ArrivalDraw? {
        // Bounded: with amplitude ≤ 1 the rate is zero only at isolated
        // instants, so acceptance over any stretch is positive.
        for _ in 0..<10_000_000 {
            clockSeconds += stream.exponential(mean: 1 / peakRatePerSecond)
            if stream.nextUnit() * peakRatePerSecond < rate(at: clockSeconds) {
                return ArrivalDraw(timeMicros: roundedMicros(clockSeconds))
            }
        }
        preconditionFailure("sine arrivals: ten million rejections in a row")
    }
}
