let visibleChecks: [Check] = [
    Check("a replay lists, sells, restocks and deletes a sold-out SKU") {
        checkRebuild(log([
            (.listed, 2, "mug", 3), (.listed, 2, "lamp", 5), (.orderPlaced, 2, "mug", 2), (.orderPlaced, 2, "lamp", 1),
            (.restocked, 2, "lamp", 4), (.orderPlaced, 2, "mug", 1), (.orderPlaced, 2, "lamp", 2),
        ]), from: nil)
    },
    Check("v1 orders (no quantity) are upcast to one unit during replay") {
        checkUpcast(StockEvent(sequence: 1, kind: .orderPlaced, version: 1, sku: "mug", units: nil))
            ?? checkRebuild(log([
                (.listed, 1, "mug", 5), (.orderPlaced, 1, "mug", nil), (.listed, 1, "lamp", 2), (.orderPlaced, 1, "mug", nil),
                (.orderPlaced, 2, "mug", 2), (.orderPlaced, 2, "lamp", 1),
            ]), from: nil)
    },
]
