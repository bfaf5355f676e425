let hiddenChecks: [Check] = [
    Check("a late-arriving event counts by its event time") {
        checkWatermarks([ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0, 10), arrivalTimeMicros: Clock.at(23, 0, 11)),
                         ShopEvent(id: 2, eventTimeMicros: Clock.at(23, 0, 5), arrivalTimeMicros: Clock.at(23, 2))], boundMicros: 5 * Clock.secondMicros)
    },
    Check("events before the epoch (negative times) move the watermark too") {
        checkWatermarks([ShopEvent(id: 1, eventTimeMicros: -30 * Clock.secondMicros), ShopEvent(id: 2, eventTimeMicros: -20 * Clock.secondMicros)],
                        boundMicros: 5 * Clock.secondMicros)
    },
    Check("zero bound still subtracts one microsecond") {
        checkWatermarks([ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 1))], boundMicros: 0)
    },
    Check("a burst of disorder keeps the maximum") {
        checkWatermarks((0..<20).map { ShopEvent(id: $0, eventTimeMicros: Clock.at(23, 0, Int64(($0 * 7) % 20))) }, boundMicros: 2 * Clock.secondMicros)
    },
]
