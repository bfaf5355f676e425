import SimKernel

/// User sessions for clickstreams: sessions start as a Poisson process; each
/// belongs to one key (user) drawn at its start and is a run of `clicks`
/// events separated by `click_gap_s` draws. Between a user's sessions lies
/// an inactivity gap, which session windows (gap-based) must discover.
///
/// Open sessions wait in a small heap ordered by their next click, so memory
/// is proportional to sessions in progress, not to the stream.
public final class SessionArrivals: ArrivalProcess {
    struct OpenSession: HeapOrdered {
        var nextClickSeconds: Double
        var key: Int32
        var remainingClicks: Int
        var sequence: UInt64

        /// By next click; the sequence number breaks ties, so the order is total.
        func precedes(_ other: OpenSession) -> Bool {
            (nextClickSeconds, sequence) < (other.nextClickSeconds, other.sequence)
        }
    }

    let spec: SessionSpec
    let stream: RandomStream
    let keys: KeyPicker
    var nextSessionSeconds: Double
    var open = BinaryMinHeap<OpenSession>()
    var sequence: UInt64 = 0

    init(spec: SessionSpec, stream: RandomStream, keys: KeyPicker) {
        self.spec = spec
        self.stream = stream
        self.keys = keys
        nextSessionSeconds = stream.exponential(mean: 1 / spec.sessionRatePerSecond)
    }

    public func next() -> ArrivalDraw? {
        // Bounded: every pass either returns a click or opens a session, and
        // a session with zero clicks is at most one pass.
        for _ in 0..<1_000_000 {
            if let top = open.min, top.nextClickSeconds <= nextSessionSeconds {
                var session = open.removeMin()
                let draw = ArrivalDraw(timeMicros: roundedMicros(session.nextClickSeconds), key: session.key)
                session.remainingClicks -= 1
                if session.remainingClicks > 0 {
                    session.nextClickSeconds += max(0, spec.clickGapSeconds.sample(stream))
                    open.insert(session)
                }
                return draw
            }
            let clicks = Int(max(0, spec.clicksPerSession.sample(stream)))
            if clicks > 0 {
                open.insert(OpenSession(nextClickSeconds: nextSessionSeconds, key: keys.next(), remainingClicks: clicks, sequence: sequence))
                sequence += 1
            }
            nextSessionSeconds += stream.exponential(mean: 1 / spec.sessionRatePerSecond)
        }
        preconditionFailure("sessions: a million empty sessions in a row")
    }
}
