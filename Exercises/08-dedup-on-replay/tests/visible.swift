let visibleChecks: [Check] = [
    Check("a replayed order is emitted once") {
        checkDedup([Delivery(event: order(1, "ann", second: 0), watermarkMicros: 0), Delivery(event: order(1, "ann", second: 0), watermarkMicros: 0)], retentionMicros: Clock.minuteMicros)
    },
    Check("two orders of one customer are both emitted") {
        checkDedup([Delivery(event: order(1, "ann", second: 0), watermarkMicros: 0), Delivery(event: order(2, "ann", second: 1), watermarkMicros: 0)], retentionMicros: Clock.minuteMicros)
    },
]
