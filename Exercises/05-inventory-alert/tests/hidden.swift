let hiddenChecks: [Check] = [
    Check("a stock exactly at the threshold alerts") {
        checkAlerts([reading(1, "lamp", 9, minute: 0), reading(2, "lamp", 5, minute: 3)], threshold: 5)
    },
    Check("restocking re-arms the alert") {
        checkAlerts([reading(1, "mug", 2, minute: 0), reading(2, "mug", 40, minute: 4), reading(3, "mug", 1, minute: 6)], threshold: 5)
    },
    Check("on the viral night every alert lands within 2 minutes") {
        checkAlerts((0..<40).map { i in reading(i, ["mug", "lamp", "poster"][i % 3], 30 - i, minute: Int64(i / 2), second: Int64(i % 2) * 30) }, threshold: 10)
    },
]
