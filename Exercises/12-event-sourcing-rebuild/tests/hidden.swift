let hiddenChecks: [Check] = [
    Check("a snapshot plus the events after it gives the full replay's table") {
        let events = log([
            (.listed, 1, "mug", 6), (.orderPlaced, 1, "mug", nil), (.listed, 1, "pen", 4), (.orderPlaced, 1, "pen", nil),
            (.orderPlaced, 2, "mug", 3), (.restocked, 2, "pen", 2), (.orderPlaced, 2, "mug", 1),
        ])
        return checkRebuild(events, from: Snapshot(sequence: 4, stock: ["mug": 5, "pen": 3]))
            ?? checkRebuild(events, from: Snapshot(sequence: 7, stock: ["mug": 1, "pen": 5]))
    },
    Check("events before the snapshot were archived: rebuild from the snapshot and the tail") {
        checkRebuild(log(from: 11, [(.orderPlaced, 2, "mug", 2), (.orderPlaced, 2, "cup", 1), (.restocked, 2, "pen", 3), (.orderPlaced, 1, "cup", nil)]),
                     from: Snapshot(sequence: 10, stock: ["mug": 9, "cup": 3, "pen": 1]))
    },
    Check("upcast sets version 2, gives a v1 order one unit and leaves the rest alone") {
        let events = [
            StockEvent(sequence: 3, kind: .orderPlaced, version: 1, sku: "cup", units: nil),
            StockEvent(sequence: 4, kind: .listed, version: 1, sku: "cup", units: 7),
            StockEvent(sequence: 5, kind: .restocked, version: 1, sku: "cup", units: 3),
            StockEvent(sequence: 6, kind: .orderPlaced, version: 2, sku: "cup", units: 3),
            StockEvent(sequence: 7, kind: .listed, version: 2, sku: "pen", units: 2),
        ]
        for event in events { if let problem = checkUpcast(event) { return problem } }
        return nil
    },
    Check("an order for a sold-out SKU changes nothing until a restock re-lists it") {
        checkRebuild(log([
            (.listed, 1, "mug", 2), (.orderPlaced, 1, "mug", nil), (.orderPlaced, 2, "mug", 1), (.orderPlaced, 2, "mug", 1),
            (.orderPlaced, 1, "pen", nil), (.restocked, 2, "mug", 4), (.orderPlaced, 2, "mug", 3), (.listed, 2, "pen", 1), (.orderPlaced, 2, "pen", 1),
        ]), from: nil)
    },
]
