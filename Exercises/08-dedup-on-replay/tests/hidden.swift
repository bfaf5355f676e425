let hiddenChecks: [Check] = [
    Check("state is evicted once the watermark passes event time plus retention") {
        checkDedup((0..<30).map { Delivery(event: order($0, "c\($0 % 4)", second: Int64($0)), watermarkMicros: Clock.at(23, 0, Int64($0)) - 10 * Clock.secondMicros) },
                   retentionMicros: 5 * Clock.secondMicros, expectedStateSize: 15)
    },
    Check("eviction at exactly eventTime + retention (<=)") {
        checkDedup([Delivery(event: order(1, "ann", second: 0), watermarkMicros: 0),
                    Delivery(event: order(2, "bob", second: 10), watermarkMicros: Clock.at(23, 0, 5))],
                   retentionMicros: 5 * Clock.secondMicros, expectedStateSize: 1)
    },
    Check("two orders at the same instant are both emitted") {
        checkDedup([Delivery(event: order(1, "ann", second: 0), watermarkMicros: 0), Delivery(event: order(2, "bob", second: 0), watermarkMicros: 0)],
                   retentionMicros: Clock.minuteMicros)
    },
    Check("an id expires at its event time plus retention, however late it arrived") {
        checkDedup([Delivery(event: ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0), arrivalTimeMicros: Clock.at(23, 1)), watermarkMicros: 0),
                    Delivery(event: order(2, "bob", second: 30), watermarkMicros: Clock.at(23, 0, 20))],
                   retentionMicros: 5 * Clock.secondMicros, expectedStateSize: 1)
    },
    Check("an order already past its retention when it arrives is emitted and not remembered") {
        checkDedup([Delivery(event: ShopEvent(id: 1, eventTimeMicros: Clock.at(23, 0), arrivalTimeMicros: Clock.at(23, 10)), watermarkMicros: Clock.at(23, 1))],
                   retentionMicros: Clock.minuteMicros, expectedStateSize: 0)
    },
    Check("a replay of a whole batch after a crash emits nothing new") {
        let batch = (0..<5).map { order($0, "c\($0)", second: Int64($0)) }
        return checkDedup((batch + batch).map { Delivery(event: $0, watermarkMicros: 0) }, retentionMicros: Clock.minuteMicros)
    },
]
