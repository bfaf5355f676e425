import SimKernel

/// One arrival: its true time in µs since the stream's start, and the key
/// the process fixed for it (sessions fix their user), or `-1` to let the
/// source draw a key.
@frozen
public struct ArrivalDraw: Sendable {
    public var timeMicros: Int64
    public var key: Int32

    @inlinable public init(timeMicros: Int64, key: Int32 = -1) {
        self.timeMicros = timeMicros
        self.key = key
    }
}

/// A point process producing true times in non-decreasing order.
///
/// Processes keep their clock as a `Double` of seconds (the sampler's domain)
/// and round each arrival to whole microseconds once, with
/// `Duration.micros(roundingSeconds:)`; rounding never feeds back into the
/// clock, so no error accumulates. `nil` means the process is exhausted
/// (only a replayed trace ends).
public protocol ArrivalProcess: AnyObject {
    func next() -> ArrivalDraw?
}

extension ArrivalSpec {
    /// Builds the process, drawing from `stream` only.
    func makeProcess(stream: RandomStream, keys: KeyPicker) -> any ArrivalProcess {
        switch self {
        case .poisson(let rate): return PoissonArrivals(ratePerSecond: rate, stream: stream)
        case .mmpp(let states): return MMPPArrivals(states: states, stream: stream)
        case .hawkes(let spec): return HawkesArrivals(spec: spec, stream: stream)
        case .sine(let mean, let amplitude, let period, let phase):
            return SineArrivals(meanRatePerSecond: mean, amplitude: amplitude, periodSeconds: period, phaseSeconds: phase, stream: stream)
        case .sessions(let spec): return SessionArrivals(spec: spec, stream: stream, keys: keys)
        case .replay(let path, let column): return ReplayArrivals(path: path, column: column)
        }
    }
}

@inlinable @inline(__always) func roundedMicros(_ seconds: Double) -> Int64 {
    Duration.micros(roundingSeconds: seconds).micros
}
