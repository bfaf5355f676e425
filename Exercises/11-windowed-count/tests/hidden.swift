let hiddenChecks: [Check] = [
    Check("a window that ends exactly at the watermark is closed (<=)") {
        checkCounts([arrival(1, 0, 10, watermark: (0, 0)), arrival(2, 1, 5, watermark: (0, 5)), arrival(3, 0, 59, late: 30, watermark: (1, 0))],
                    windowMicros: Clock.minuteMicros)
    },
    Check("a burst of stragglers across three windows") {
        checkCounts((0..<30).map { i in arrival(i, Int64(i / 10), Int64((i * 7) % 60), late: Int64(i % 4) * 20, watermark: (Int64(i / 10), Int64(i % 10))) },
                    windowMicros: Clock.minuteMicros)
    },
    Check("five-minute windows") {
        checkCounts((0..<12).map { i in arrival(i, Int64(i), 0, late: Int64(i % 3) * 100, watermark: (Int64(max(0, i - 4)), 0)) },
                    windowMicros: 5 * Clock.minuteMicros)
    },
]
