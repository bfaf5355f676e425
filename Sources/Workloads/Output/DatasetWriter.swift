import Foundation
import SimKernel

/// The on-disk formats `generate` writes; both load directly with
/// `pandas.read_csv` / `read_json(lines=True)` and Spark's `csv` (header on)
/// and `json` readers.
public enum DatasetFormat: String, CaseIterable, Sendable {
    case csv, jsonl
}

/// Streams events to a file, one row per event, never holding the stream.
///
/// Rows go to a temporary file in the destination's directory, renamed over
/// the destination by `finish()`; `abandon()` (or a writer dropped without
/// `finish()`) removes it, so a failed run never leaves partial output.
/// Times are written as integer µs and integer ms (floored), keys and kinds
/// by name.
public final class DatasetWriter {
    public static let columns = [
        "id", "key", "kind", "attempt", "producer", "partition", "attribute", "value",
        "event_time_us", "arrival_time_us", "event_time_ms", "arrival_time_ms",
    ]

    public let path: String
    public let format: DatasetFormat
    let temporaryPath: String
    let scenario: Scenario
    var handle: UnsafeMutablePointer<FILE>?
    var buffer: [UInt8] = []
    let keyNames: [[UInt8]]
    let kindNames: [[UInt8]]
    public private(set) var rowCount = 0

    public init(path: String, format: DatasetFormat, scenario: Scenario) throws(InputError) {
        self.path = path
        self.format = format
        self.scenario = scenario
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        let directoryShown = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: directoryShown, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: path, field: "--out", reason: "the directory '\(directoryShown)' does not exist")
        }
        let name = (path as NSString).lastPathComponent
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())"
        guard let handle = fopen(temporaryPath, "w") else {
            throw InputError(file: path, field: "--out", reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        let keyCount = min(scenario.keySpace.count, 1 << 20)
        keyNames = (0..<keyCount).map { Array(JSONText.escape(scenario.keyName(Int32($0))).utf8) }
        kindNames = scenario.eventKinds.map { Array(JSONText.escape($0).utf8) }
        buffer.reserveCapacity(1 << 17)
        if format == .csv { append(DatasetWriter.columns.joined(separator: ",") + "\n") }
    }

    deinit { abandon() }

    /// Removes the temporary file; the destination is left untouched.
    public func abandon() {
        if let handle {
            fclose(handle)
            self.handle = nil
            unlink(temporaryPath)
        }
    }

    /// Flushes, closes and renames the temporary file onto the destination.
    public func finish() throws(InputError) {
        flush()
        guard let handle else { return }
        self.handle = nil
        let failed = ferror(handle) != 0
        if fclose(handle) != 0 || failed {
            unlink(temporaryPath)
            throw InputError(file: path, field: "--out", reason: "write failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw InputError(file: path, field: "--out", reason: "cannot rename the finished file into place: \(reason)")
        }
    }

    public func write(_ event: Event) {
        switch format {
        case .csv: writeCSV(event)
        case .jsonl: writeJSONLine(event)
        }
        rowCount += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard let handle, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, handle) }
        buffer.removeAll(keepingCapacity: true)
    }

    func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    func appendKey(_ key: Int32) {
        if Int(key) < keyNames.count, key >= 0 { buffer.append(contentsOf: keyNames[Int(key)]) } else { append(JSONText.escape(scenario.keyName(key))) }
    }

    func appendKind(_ kind: UInt16) {
        if Int(kind) < kindNames.count { buffer.append(contentsOf: kindNames[Int(kind)]) } else { append(JSONText.escape(scenario.kindName(kind))) }
    }

    func appendInteger<T: BinaryInteger>(_ value: T) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(storage[index]) }
        }
    }

    /// Floor division, so that negative µs (a skewed clock) map to the ms
    /// that contains them.
    static func floorMillis(_ micros: Int64) -> Int64 {
        micros >= 0 ? micros / 1_000 : -((-micros + 999) / 1_000)
    }
}
