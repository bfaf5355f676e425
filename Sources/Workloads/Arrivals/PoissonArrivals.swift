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
        ArrivalDraw(timeMicros: nextTimeMicros())
    }

    /// The next arrival's time, for callers that know the process never ends.
    @inlinable @inline(__always) public func nextTimeMicros() -> Int64 {
        Self.advance(clockSeconds: &clockSeconds, meanGapSeconds: meanGapSeconds, draws: stream)
    }

    /// The process's step: the clock moves by one exponential gap, and the
    /// arrival is the clock rounded to whole microseconds.
    @inlinable @inline(__always)
    static func advance<Draws: RandomDraws>(clockSeconds: inout Double, meanGapSeconds: Double, draws: Draws) -> Int64 {
        clockSeconds += draws.exponential(mean: meanGapSeconds)
        return roundedMicros(clockSeconds)
    }
}
