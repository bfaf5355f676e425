let visibleChecks: [Check] = [
    Check("a drop below the threshold alerts at once") {
        checkAlerts([reading(1, "mug", 12, minute: 0), reading(2, "mug", 3, minute: 1)], threshold: 5)
    },
    Check("a SKU that stays low alerts once") {
        checkAlerts([reading(1, "mug", 4, minute: 0), reading(2, "mug", 2, minute: 1), reading(3, "mug", 1, minute: 2)], threshold: 5)
    },
]
