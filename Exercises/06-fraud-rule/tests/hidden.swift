let hiddenChecks: [Check] = [
    Check("a large payment more than a minute later is not flagged") {
        checkFraud([pay(1, "ann", cents: 50, second: 0), pay(2, "ann", cents: 90_000, second: 75)])
    },
    Check("accounts do not share state") {
        checkFraud([pay(1, "ann", cents: 50, second: 0), pay(2, "bob", cents: 90_000, second: 10), pay(3, "ann", cents: 60_000, second: 20)])
    },
    Check("exactly one dollar is not small") {
        checkFraud([pay(1, "cy", cents: 100, second: 0), pay(2, "cy", cents: 70_000, second: 5)])
    },
]
