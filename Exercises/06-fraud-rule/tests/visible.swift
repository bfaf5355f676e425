let visibleChecks: [Check] = [
    Check("small then large within a minute is flagged") {
        checkFraud([pay(1, "ann", cents: 50, second: 0), pay(2, "ann", cents: 90_000, second: 30)])
    },
    Check("large without a small payment first is not flagged") {
        checkFraud([pay(1, "ann", cents: 2_000, second: 0), pay(2, "ann", cents: 90_000, second: 30)])
    },
]
