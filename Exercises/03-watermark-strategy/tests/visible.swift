let visibleChecks: [Check] = [
    Check("in-order events: watermark is max event time minus bound minus 1") {
        checkWatermarks([ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0, 10)), ShopEvent(id: 2, eventTimeMicros: Clock.at(23, 0, 20))], boundMicros: 5 * Clock.secondMicros)
    },
    Check("an out-of-order event does not move the watermark back") {
        checkWatermarks([ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0, 30)), ShopEvent(id: 2, eventTimeMicros: Clock.at(23, 0, 12))], boundMicros: 5 * Clock.secondMicros)
    },
]
