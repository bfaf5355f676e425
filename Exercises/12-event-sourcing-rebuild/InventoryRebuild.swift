// Exercise 12: rebuild TheWorldShop's inventory from its event log (lesson 12).
//
// The table is sku -> units in stock, a fold over the events:
//   listed(units)        the row becomes `units`
//   restocked(units)     `units` are added (a sold-out SKU gets its row back)
//   orderPlaced(units)   `units` are taken; a SKU that reaches 0 is sold out
//                        and its row is deleted; an order for a SKU with no
//                        row changes nothing
// The log holds v1 and v2 events. `upcast` turns a v1 event into v2 (version 2;
// a v1 order had no quantity because every order was one unit). `apply` only
// ever sees v2 events.
// `rebuild` starts from the snapshot (the table after event
// `snapshot.sequence`) or from an empty table, and replays the events after it.
// The log may start after the snapshot (older events archived) or before it.

func upcast(_ event: StockEvent) -> StockEvent {
    // TODO
    return event
}

func apply(_ event: StockEvent, to stock: inout [String: Int]) {
    // TODO
}

func rebuild(_ events: [StockEvent], from snapshot: Snapshot?) -> [String: Int] {
    // TODO
    return [:]
}
