import SimKernel

/// Homogeneous Poisson arrivals: independent exponential gaps with mean
/// 1/rate. The per-second counts have index of dispersion 1.
public final class PoissonArrivals: ArrivalProcess {
    @usableFromInline let meanGapSeconds: Double
    @usableFromInline let stream: RandomStream
    @exclusivity(unchecked) @usableFromInline var clockSeconds: Double = 0

    public init(ratePerSecond: Double, stream: RandomStream) {
        precondition(ratePerSecond > 0)
        meanGapSeconds = 1 / ratePerSecond
        self.stream = stream
    }

    @inlinable public func next() -> ArrivalDraw? {
        clockSeconds += stream.exponential(mean: meanGapSeconds)
        return ArrivalDraw(timeMicros: roundedMicros(clockSeconds))
    }
}
