let visibleChecks: [Check] = [
    Check("orders that arrive late but within the watermark count in their event-time window") {
        checkCounts([
            arrival(1, 0, 10, watermark: (0, 0)), arrival(2, 0, 20, watermark: (0, 5)), arrival(3, 0, 30, watermark: (0, 15)),
            arrival(4, 0, 40, watermark: (0, 25)), arrival(5, 0, 50, watermark: (0, 35)),
            arrival(6, 0, 55, late: 10, watermark: (0, 45)), arrival(7, 0, 58, late: 12, watermark: (0, 46)),
            arrival(8, 1, 20, watermark: (0, 50)),
        ], windowMicros: Clock.minuteMicros)
    },
    Check("an order whose window already closed is dropped") {
        checkCounts([arrival(1, 0, 10, watermark: (0, 0)), arrival(2, 1, 30, watermark: (0, 5)), arrival(3, 0, 20, late: 80, watermark: (1, 25))],
                    windowMicros: Clock.minuteMicros)
    },
]
