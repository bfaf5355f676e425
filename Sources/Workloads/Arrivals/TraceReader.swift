import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads timestamps from a trace file in either of two formats:
/// - CSV with a header row naming the column (our own `generate --format csv`
///   output works, with `event_time_us`);
/// - JSONL, one object per line with a numeric field of that name.
/// Timestamps are integer microseconds since the stream's start and must not
/// decrease; blank lines are skipped.
final class TraceReader {
    let path: String
    let column: String
    private let handle: UnsafeMutablePointer<FILE>
    private var lineBuffer: UnsafeMutablePointer<CChar>?
    private var lineCapacity = 0
    private var lineNumber = 0
    private var csvIndex: Int?
    private var isJSONLines = false
    private var lastMicros = Int64.min

    init(path: String, column: String) throws(InputError) {
        self.path = path
        self.column = column
        guard let handle = fopen(path, "r") else {
            throw InputError(file: path, field: "arrivals.path", reason: "cannot read the trace file: \(String(cString: strerror(errno)))")
        }
        self.handle = handle
    }

    deinit {
        fclose(handle)
        free(lineBuffer)
    }

    /// Reads the whole file once, checking every record, in constant memory.
    static func validate(path: String, column: String) throws(InputError) {
        let reader = try TraceReader(path: path, column: column)
        var count = 0
        while try reader.nextTimestamp() != nil { count += 1 }
        guard count > 0 else { throw InputError(file: path, field: column, reason: "the trace has no records") }
    }

    private func readLine() -> String? {
        let length = getline(&lineBuffer, &lineCapacity, handle)
        guard length >= 0, let lineBuffer else { return nil }
        lineNumber += 1
        var text = String(cString: lineBuffer)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    func fail(_ reason: String) -> InputError {
        InputError(file: path, field: "line \(lineNumber)", reason: reason)
    }

    func nextTimestamp() throws(InputError) -> Int64? {
        while let line = readLine() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if csvIndex == nil, !isJSONLines { try readHeader(line); if csvIndex != nil { continue } }
            let micros = try parse(line)
            guard micros >= lastMicros else { throw fail("timestamps must not decrease (\(micros) after \(lastMicros))") }
            guard micros >= 0 else { throw fail("timestamps must not be negative, got \(micros)") }
            lastMicros = micros
            return micros
        }
        return nil
    }

    private func readHeader(_ line: String) throws(InputError) {
        if line.hasPrefix("{") { isJSONLines = true; return }
        let names = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimming(" \"") }
        guard let index = names.firstIndex(of: column) else {
            throw fail("the CSV header has no column '\(column)'")
        }
        csvIndex = index
    }

    private func parse(_ line: String) throws(InputError) -> Int64 {
        let text: Substring
        if isJSONLines {
            guard let range = line.range(of: "\"\(column)\"") else { throw fail("no field '\(column)'") }
            var rest = line[range.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { throw fail("no value for '\(column)'") }
            rest = rest.dropFirst().drop { $0 == " " }
            text = rest.prefix { $0 == "-" || $0.isNumber }
        } else {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let index = csvIndex, index < cells.count else { throw fail("too few columns") }
            text = cells[index]
        }
        guard let micros = Int64(text.trimming(" \"")) else {
            throw fail("'\(column)' must be an integer number of microseconds")
        }
        return micros
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
