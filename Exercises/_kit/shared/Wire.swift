// The wire between the grader's checks and the student's code.
//
// The checks and the student's code are two programs. The student's program
// (Exercises/_kit/student) answers calls; the checker (Exercises/_kit/checker)
// makes them, compares the answers with its own expected values and alone
// decides pass or fail. Values cross as a canonical binary form: integers as
// 8 little-endian bytes, lengths as 4, strings as UTF-8, sets and dictionaries
// sorted, so one answer has exactly one encoding. Every length is checked
// against the bytes that remain, so a malformed answer is an error, never a
// crash or a huge allocation in the checker.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum WireError: Error {
    case truncated
    case malformed(String)
    case unknownCall(String)
}

struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func put<Value: WireCodable>(_ value: Value) { value.encode(to: &self) }

    mutating func putUInt64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func putCount(_ count: Int) { putUInt64(UInt64(count)) }

    mutating func putBytes(_ more: [UInt8]) { bytes += more }
}

struct WireReader {
    let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - index }

    mutating func get<Value: WireCodable>(_: Value.Type = Value.self) throws -> Value { try Value.decode(from: &self) }

    mutating func getUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw WireError.truncated }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << UInt64(8 * offset) }
        index += 8
        return value
    }

    /// A count of items that each take at least `minimumBytes`: never more than the bytes left.
    mutating func getCount(minimumBytes: Int = 1) throws -> Int {
        let raw = try getUInt64()
        guard raw <= UInt64(remaining / max(1, minimumBytes)) else { throw WireError.malformed("count \(raw) exceeds the message") }
        return Int(raw)
    }

    mutating func getBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw WireError.truncated }
        defer { index += count }
        return bytes[index..<(index + count)]
    }

    func expectEnd() throws { if remaining != 0 { throw WireError.malformed("\(remaining) bytes left over") } }
}

protocol WireCodable {
    func encode(to writer: inout WireWriter)
    static func decode(from reader: inout WireReader) throws -> Self
}

extension Int64: WireCodable {
    func encode(to writer: inout WireWriter) { writer.putUInt64(UInt64(bitPattern: self)) }
    static func decode(from reader: inout WireReader) throws -> Int64 { Int64(bitPattern: try reader.getUInt64()) }
}

extension Int: WireCodable {
    func encode(to writer: inout WireWriter) { writer.put(Int64(self)) }
    static func decode(from reader: inout WireReader) throws -> Int {
        let wide = try reader.get(Int64.self)
        guard let value = Int(exactly: wide) else { throw WireError.malformed("integer out of range") }
        return value
    }
}

extension Bool: WireCodable {
    func encode(to writer: inout WireWriter) { writer.putBytes([self ? 1 : 0]) }
    static func decode(from reader: inout WireReader) throws -> Bool {
        switch try reader.getBytes(1).first! {
        case 0: return false
        case 1: return true
        default: throw WireError.malformed("not a Bool")
        }
    }
}

extension String: WireCodable {
    func encode(to writer: inout WireWriter) {
        let utf8 = Array(self.utf8)
        writer.putCount(utf8.count)
        writer.putBytes(utf8)
    }
    static func decode(from reader: inout WireReader) throws -> String {
        let count = try reader.getCount()
        return String(decoding: try reader.getBytes(count), as: UTF8.self)
    }
}

extension Optional: WireCodable where Wrapped: WireCodable {
    func encode(to writer: inout WireWriter) {
        switch self {
        case .none: writer.put(false)
        case .some(let value): writer.put(true); writer.put(value)
        }
    }
    static func decode(from reader: inout WireReader) throws -> Optional<Wrapped> {
        try reader.get(Bool.self) ? .some(try reader.get(Wrapped.self)) : .none
    }
}

extension Array: WireCodable where Element: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.putCount(count)
        for element in self { writer.put(element) }
    }
    static func decode(from reader: inout WireReader) throws -> [Element] {
        let count = try reader.getCount()
        var elements: [Element] = []
        for _ in 0..<count { elements.append(try reader.get(Element.self)) }
        return elements
    }
}

extension Set: WireCodable where Element: WireCodable & Comparable {
    func encode(to writer: inout WireWriter) { writer.put(sorted()) }
    static func decode(from reader: inout WireReader) throws -> Set<Element> { Set(try reader.get([Element].self)) }
}

extension Dictionary: WireCodable where Key: WireCodable & Comparable, Value: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.putCount(count)
        for key in keys.sorted() { writer.put(key); writer.put(self[key]!) }
    }
    static func decode(from reader: inout WireReader) throws -> [Key: Value] {
        let count = try reader.getCount()
        var result: [Key: Value] = [:]
        for _ in 0..<count {
            let key = try reader.get(Key.self)
            guard result.updateValue(try reader.get(Value.self), forKey: key) == nil else { throw WireError.malformed("a key twice") }
        }
        return result
    }
}

extension ShopEvent: WireCodable {
    func encode(to writer: inout WireWriter) {
        writer.put(id); writer.put(key); writer.put(value); writer.put(eventTimeMicros); writer.put(arrivalTimeMicros)
    }
    static func decode(from reader: inout WireReader) throws -> ShopEvent {
        ShopEvent(id: try reader.get(), key: try reader.get(), value: try reader.get(),
                  eventTimeMicros: try reader.get(), arrivalTimeMicros: try reader.get(Int64.self))
    }
}

extension TimeWindow: WireCodable {
    func encode(to writer: inout WireWriter) { writer.put(startMicros); writer.put(endMicros) }
    static func decode(from reader: inout WireReader) throws -> TimeWindow {
        TimeWindow(startMicros: try reader.get(), endMicros: try reader.get())
    }
}

/// Length-prefixed frames over a pair of file descriptors.
struct WireChannel {
    /// No call or answer in any exercise comes near this; more is an attack.
    static let maximumFrameBytes = 16 << 20

    var readDescriptor: Int32
    var writeDescriptor: Int32

    func send(_ writer: WireWriter) -> Bool {
        var frame = WireWriter()
        frame.putCount(writer.bytes.count)
        frame.putBytes(writer.bytes)
        let bytes = frame.bytes
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(writeDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return false }
            written += count
        }
        return true
    }

    /// The next frame, or nil at end of file or on a frame that breaks the protocol.
    func receive() -> [UInt8]? {
        guard let header = readExactly(8) else { return nil }
        var reader = WireReader(header)
        guard let length = try? reader.getUInt64(), length <= UInt64(Self.maximumFrameBytes) else { return nil }
        return readExactly(Int(length))
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer[filled...].withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return nil }
            filled += got
        }
        return buffer
    }
}
