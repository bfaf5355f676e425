import SimKernel
import Workloads

/// A simple per-event condition, Flink CEP's `SimpleCondition`: a
/// conjunction of tests on the event's kind, key and value. An empty
/// condition matches every event.
public struct EventCondition: Equatable, Sendable {
    public var kind: String?
    public var key: String?
    public var valueAbove: Double?
    public var valueAtLeast: Double?
    public var valueBelow: Double?
    public var valueAtMost: Double?

    public init(kind: String? = nil, key: String? = nil, valueAbove: Double? = nil, valueAtLeast: Double? = nil,
                valueBelow: Double? = nil, valueAtMost: Double? = nil) {
        self.kind = kind
        self.key = key
        self.valueAbove = valueAbove
        self.valueAtLeast = valueAtLeast
        self.valueBelow = valueBelow
        self.valueAtMost = valueAtMost
    }

    public var isAlwaysTrue: Bool { self == EventCondition() }

    /// `kind == "payment" && value < 1`, in a fixed field order.
    public var summary: String {
        var tests: [String] = []
        if let kind { tests.append("kind == " + JSONText.quoted(kind)) }
        if let key { tests.append("key == " + JSONText.quoted(key)) }
        if let valueAbove { tests.append("value > " + Self.number(valueAbove)) }
        if let valueAtLeast { tests.append("value >= " + Self.number(valueAtLeast)) }
        if let valueBelow { tests.append("value < " + Self.number(valueBelow)) }
        if let valueAtMost { tests.append("value <= " + Self.number(valueAtMost)) }
        return tests.isEmpty ? "true" : tests.joined(separator: " && ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The condition with kind and key names turned into the indices events
    /// carry. A name the data never uses matches nothing.
    public func resolved(kindIndex: (String) -> UInt16?, keyIndex: (String) -> Int32?) -> ResolvedCondition {
        ResolvedCondition(
            kind: kind.map { name in kindIndex(name).map { .index(Int64($0)) } ?? .nothing } ?? .anything,
            key: key.map { name in keyIndex(name).map { .index(Int64($0)) } ?? .nothing } ?? .anything,
            valueAbove: valueAbove, valueAtLeast: valueAtLeast, valueBelow: valueBelow, valueAtMost: valueAtMost)
    }
}

/// An `EventCondition` over interned kind and key indices, ready to test events.
public struct ResolvedCondition: Equatable, Sendable {
    public enum Requirement: Equatable, Sendable {
        case anything
        case index(Int64)
        /// The name is not in the data: no event can match.
        case nothing

        func admits(_ value: Int64) -> Bool {
            switch self {
            case .anything: return true
            case .index(let wanted): return wanted == value
            case .nothing: return false
            }
        }
    }

    var kind: Requirement
    var key: Requirement
    var valueAbove: Double?
    var valueAtLeast: Double?
    var valueBelow: Double?
    var valueAtMost: Double?

    public func matches(_ event: Event) -> Bool {
        guard kind.admits(Int64(event.kind)), key.admits(Int64(event.key)) else { return false }
        if let valueAbove, !(event.value > valueAbove) { return false }
        if let valueAtLeast, !(event.value >= valueAtLeast) { return false }
        if let valueBelow, !(event.value < valueBelow) { return false }
        if let valueAtMost, !(event.value <= valueAtMost) { return false }
        return true
    }
}
