let visibleChecks: [Check] = [
    Check("batches written once add up") {
        checkSink([(0, [("mug", 3), ("lamp", 1)]), (1, [("mug", 2)])], keys: ["mug", "lamp"])
    },
    Check("replayed batches are not counted twice") {
        checkSink([(0, [("mug", 3)]), (1, [("mug", 2)]), (2, [("mug", 4)]), (1, [("mug", 2)]), (2, [("mug", 4)])], keys: ["mug"])
    },
]
