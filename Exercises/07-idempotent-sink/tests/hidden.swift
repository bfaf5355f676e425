let hiddenChecks: [Check] = [
    Check("replaying two batches after a crash changes nothing") {
        checkSink([(0, [("mug", 3)]), (1, [("mug", 2)]), (2, [("mug", 5), ("lamp", 4)]), (1, [("mug", 2)]), (2, [("mug", 5), ("lamp", 4)]), (3, [("lamp", 1)])], keys: ["mug", "lamp"])
    },
    Check("a key missing from a batch keeps its total") {
        checkSink([(0, [("mug", 3), ("lamp", 7)]), (1, [("mug", 2)])], keys: ["lamp"])
    },
    Check("two batches with the same rows both count") {
        checkSink([(0, [("mug", 2)]), (1, [("mug", 2)]), (1, [("mug", 2)])], keys: ["mug"])
    },
    Check("a key no batch wrote totals 0") {
        checkSink([(0, [("mug", 3)]), (1, [("mug", 2)])], keys: ["mug", "kettle"])
    },
    Check("the first batch replayed at once is applied once") {
        checkSink([(0, [("poster", 9)]), (0, [("poster", 9)])], keys: ["poster"])
    },
]
