import Foundation

/// The lines `streamlab bench keys` prints: one JSON line per (window,
/// engine, key count) with the best wall time of its repeats, then issue 14's
/// ratios, all measured in the same process:
/// - per engine, tumbling events/s at the largest key count ÷ at the smallest
///   (target ≥ 1/5);
/// - per key count, record-engine sessions ÷ tumbling (target ≥ 1/3).
public struct KeyedWindowReport: Sendable {
    public struct Row: Sendable {
        public var window: KeyedWindowWorkload.Window
        public var engine: KeyedWindowWorkload.EngineKind
        public var keyCount: Int
        public var events: Int
        public var bestWallSeconds: Double
        public var outcome: KeyedWindowWorkload.Outcome

        public init(window: KeyedWindowWorkload.Window, engine: KeyedWindowWorkload.EngineKind, keyCount: Int,
                    events: Int, bestWallSeconds: Double, outcome: KeyedWindowWorkload.Outcome) {
            self.window = window
            self.engine = engine
            self.keyCount = keyCount
            self.events = events
            self.bestWallSeconds = bestWallSeconds
            self.outcome = outcome
        }

        public var eventsPerSecond: Double { bestWallSeconds > 0 ? Double(events) / bestWallSeconds : 0 }
    }

    public static let keyScalingTarget = 1.0 / 5.0
    public static let sessionTarget = 1.0 / 3.0

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    func rate(_ window: KeyedWindowWorkload.Window, _ engine: KeyedWindowWorkload.EngineKind, _ keyCount: Int) -> Double? {
        rows.first { $0.window == window && $0.engine == engine && $0.keyCount == keyCount }?.eventsPerSecond
    }

    /// Fixed formatting: wall seconds to 6 places, events/s as an integer.
    public static func line(_ row: Row) -> String {
        "{\"window\":\"\(row.window.rawValue)\",\"engine\":\"\(row.engine.rawValue)\",\"keys\":\(row.keyCount),"
            + "\"events\":\(row.events),\"wall_s\":\(String(format: "%.6f", row.bestWallSeconds)),"
            + "\"events_per_s\":\(String(format: "%.0f", row.eventsPerSecond)),\"rows\":\(row.outcome.rows),"
            + "\"checksum\":\"\(String(row.outcome.checksum, radix: 16))\"}"
    }

    /// The ratio lines, in a fixed order; a ratio whose rows were not measured is left out.
    public func ratioLines() -> [String] {
        var lines: [String] = []
        let keyCounts = Set(rows.map(\.keyCount)).sorted()
        if let fewest = keyCounts.first, let most = keyCounts.last, fewest != most {
            for engine in KeyedWindowWorkload.EngineKind.allCases {
                guard let low = rate(.tumbling, engine, fewest), let high = rate(.tumbling, engine, most), low > 0 else { continue }
                lines.append(String(format: "tumbling %@: %d keys / %d keys = %.3f   (target >= %.3f)",
                                    engine.rawValue, most, fewest, high / low, Self.keyScalingTarget))
            }
        }
        for keyCount in keyCounts {
            guard let tumbling = rate(.tumbling, .record, keyCount), let session = rate(.session, .record, keyCount),
                  tumbling > 0 else { continue }
            lines.append(String(format: "record, %d keys: session / tumbling = %.3f   (target >= %.3f)",
                                keyCount, session / tumbling, Self.sessionTarget))
        }
        return lines
    }
}
