let hiddenChecks: [Check] = [
    Check("a large payment more than a minute later is not flagged") {
        checkFraud([pay(1, "ann", cents: 50, second: 0), pay(2, "ann", cents: 90_000, second: 75)])
    },
    Check("accounts do not share state") {
        checkFraud([pay(1, "ann", cents: 50, second: 0), pay(2, "bob", cents: 90_000, second: 10), pay(3, "ann", cents: 60_000, second: 20)])
    },
    Check("any payment that is not small disarms the rule") {
        checkFraud([pay(1, "kim", cents: 50, second: 0), pay(2, "kim", cents: 2_000, second: 10), pay(3, "kim", cents: 90_000, second: 20)])
    },
    Check("a second small payment re-arms the rule from its own time") {
        checkFraud([pay(1, "lu", cents: 50, second: 0), pay(2, "lu", cents: 60, second: 50), pay(3, "lu", cents: 90_000, second: 100)])
    },
    Check("99 cents is small") {
        checkFraud([pay(1, "di", cents: 99, second: 0), pay(2, "di", cents: 70_000, second: 5)])
    },
    Check("exactly $500.00 is not large, $500.01 is") {
        checkFraud([pay(1, "ed", cents: 50, second: 0), pay(2, "ed", cents: 50_000, second: 5),
                    pay(3, "fay", cents: 50, second: 0), pay(4, "fay", cents: 50_001, second: 5)])
    },
    Check("a large payment exactly one minute after the small one is flagged, one microsecond later is not") {
        checkFraud([pay(1, "gus", cents: 50, second: 0), pay(2, "gus", cents: 90_000, second: 60),
                    pay(3, "hal", cents: 50, second: 0), ShopEvent(id: 4, key: "hal", value: 90_000, eventTimeMicros: Clock.at(23, 1) + 1)])
    },
    Check("the minute is measured in event time, not arrival time") {
        checkFraud([ShopEvent(id: 1, key: "ida", value: 50, eventTimeMicros: Clock.at(23, 0), arrivalTimeMicros: Clock.at(23, 0, 50)),
                    ShopEvent(id: 2, key: "ida", value: 90_000, eventTimeMicros: Clock.at(23, 1, 10), arrivalTimeMicros: Clock.at(23, 1, 10)),
                    ShopEvent(id: 3, key: "jo", value: 50, eventTimeMicros: Clock.at(23, 0), arrivalTimeMicros: Clock.at(23, 0)),
                    ShopEvent(id: 4, key: "jo", value: 90_000, eventTimeMicros: Clock.at(23, 0, 30), arrivalTimeMicros: Clock.at(23, 1, 40))])
    },
    Check("exactly one dollar is not small") {
        checkFraud([pay(1, "cy", cents: 100, second: 0), pay(2, "cy", cents: 70_000, second: 5)])
    },
]
