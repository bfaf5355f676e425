// Exercise 12 checks: the expected table by definition, and the catalogued
// wrong answers recomputed to name the misconception.

/// The catalogued mistakes the model can make on purpose.
enum Mistake: CaseIterable {
    case none, noUpcast, soldOutKept, snapshotEventReplayed, snapshotIgnored, restockOverwrites

    var diagnosis: String {
        switch self {
        case .none: return ""
        case .noUpcast: return "v1 order read as 0 units: a v1 order has no quantity because every v1 order was ONE unit; upcast it (units = 1, version 2) before folding"
        case .soldOutKept: return "sold-out SKU kept at 0: a SKU whose stock reaches 0 is sold out and its row is deleted"
        case .snapshotEventReplayed: return "replayed the snapshot's own event: the snapshot already includes event snapshot.sequence; replay only the events after it (>, not >=)"
        case .snapshotIgnored: return "ignored the snapshot: start from the snapshot's table; the events before it may be archived"
        case .restockOverwrites: return "restock overwrote the stock: a restock ADDS units to the row"
        }
    }
}

/// The fold as it should be, or with one catalogued mistake.
func model(_ events: [StockEvent], from snapshot: Snapshot?, _ mistake: Mistake = .none) -> [String: Int] {
    var stock = mistake == .snapshotIgnored ? [:] : snapshot?.stock ?? [:]
    for event in events {
        if let snapshot, mistake != .snapshotIgnored {
            if event.sequence < snapshot.sequence || (event.sequence == snapshot.sequence && mistake != .snapshotEventReplayed) { continue }
        }
        let units = event.units ?? (event.kind == .orderPlaced && mistake != .noUpcast ? 1 : 0)
        switch event.kind {
        case .listed: stock[event.sku] = units
        case .restocked: stock[event.sku] = (mistake == .restockOverwrites ? 0 : stock[event.sku] ?? 0) + units
        case .orderPlaced:
            guard let level = stock[event.sku] else { continue }
            stock[event.sku] = level > units || mistake == .soldOutKept ? max(0, level - units) : nil
        }
    }
    return stock
}

func describe(_ stock: [String: Int], _ sku: String) -> String { stock[sku].map(String.init) ?? "no row" }

func checkRebuild(_ events: [StockEvent], from snapshot: Snapshot?) -> String? {
    let actual = rebuild(events, from: snapshot)
    let expected = model(events, from: snapshot)
    if actual == expected { return nil }
    let sku = Set(actual.keys).union(expected.keys).sorted().first { actual[$0] != expected[$0] }!
    let shown = "\(sku) has \(describe(actual, sku)), expected \(describe(expected, sku))"
        + (snapshot.map { "; snapshot after event \($0.sequence)" } ?? "")
    for mistake in Mistake.allCases.dropFirst() where model(events, from: snapshot, mistake) == actual {
        return "\(mistake.diagnosis.split(separator: ":", maxSplits: 1)[0]): \(shown); \(mistake.diagnosis.split(separator: ":", maxSplits: 1)[1].dropFirst())"
    }
    return "wrong stock: \(shown)"
}

func checkUpcast(_ event: StockEvent) -> String? {
    var expected = event
    if event.version == 1 {
        expected.version = 2
        if event.kind == .orderPlaced { expected.units = 1 }
    }
    let actual = upcast(event)
    if actual == expected { return nil }
    if event.version == 1 && event.kind == .orderPlaced && actual.units != 1 {
        return "v1 order read as \(actual.units.map(String.init) ?? "no") units: upcast(\(event)) gave \(actual), expected \(expected); every v1 order was ONE unit"
    }
    if event.version == 1 && actual.version != 2 { return "an upcast event is version 2: upcast(\(event)) gave \(actual), expected \(expected)" }
    return "upcast changed what it must keep: upcast(\(event)) gave \(actual), expected \(expected); a v2 event passes unchanged and a v1 listing or restock keeps its units"
}

/// Events numbered from `first`, in order.
func log(from first: Int = 1, _ entries: [(StockEvent.Kind, Int, String, Int?)]) -> [StockEvent] {
    entries.enumerated().map { index, entry in
        StockEvent(sequence: first + index, kind: entry.0, version: entry.1, sku: entry.2, units: entry.3)
    }
}
