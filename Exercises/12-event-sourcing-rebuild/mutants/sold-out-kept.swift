// Catalogued mistake: a sold-out SKU stays in the table at 0.
func upcast(_ event: StockEvent) -> StockEvent {
    guard event.version == 1 else { return event }
    var upcast = event
    upcast.version = 2
    if event.kind == .orderPlaced { upcast.units = 1 }
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
        stock[event.sku] = max(0, level - units)
    }
}

func rebuild(_ events: [StockEvent], from snapshot: Snapshot?) -> [String: Int] {
    var stock = snapshot?.stock ?? [:]
    let tail = snapshot.map { taken in events.filter { $0.sequence > taken.sequence } } ?? events
    for event in tail { apply(upcast(event), to: &stock) }
    return stock
}
