// Catalogued mistake: v1 events folded as they are, a v1 order's missing quantity read as 0.
func upcast(_ event: StockEvent) -> StockEvent {
    var upcast = event
    upcast.version = 2
    if upcast.kind == .orderPlaced && upcast.units == nil { upcast.units = 0 }
    return upcast
}

func apply(_ event: StockEvent, to stock: inout [String: Int]) {
    guard let units = event.units else { return }
    switch event.kind {
    case .listed:
        stock[event.sku] = units
    case .restocked:
        stock[event.sku, default: 0] += units
    case .orderPlaced:
        guard let level = stock[event.sku] else { return }
        stock[event.sku] = level > units ? level - units : nil
    }
}

func rebuild(_ events: [StockEvent], from snapshot: Snapshot?) -> [String: Int] {
    var stock = snapshot?.stock ?? [:]
    let tail = snapshot.map { taken in events.filter { $0.sequence > taken.sequence } } ?? events
    for event in tail { apply(upcast(event), to: &stock) }
    return stock
}
