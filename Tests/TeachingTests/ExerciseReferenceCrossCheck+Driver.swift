import Foundation
import Testing
import Workloads

/// Compiling and running an exercise's reference with a driver.
extension ExerciseReferenceCrossCheckTests {
    /// Writes `events` as `id key value eventTimeMicros arrivalTimeMicros`
    /// lines, compiles the kit, the listed exercise files and `driver` with
    /// `swiftc` (STREAMLAB_SWIFTC, else the one on PATH), runs the program on
    /// the file and returns its output lines.
    func runReference(exercise: String, files: [String], driver: String, events: [Event]) throws -> [String] {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let eventLines = events.map { "\($0.id) \($0.key) \(Int($0.value)) \($0.eventTime.micros) \($0.arrivalTime.micros)" }
        try (eventLines.joined(separator: "\n") + "\n").write(toFile: directory + "/events.txt", atomically: true, encoding: .utf8)
        try driver.write(toFile: directory + "/main.swift", atomically: true, encoding: .utf8)
        let sources = [TestPaths.exercises + "/_kit/shared/Kit.swift", TestPaths.exercises + "/_kit/shared/Wire.swift"] + files.map { TestPaths.exercises + "/\(exercise)/\($0)" }
            + [directory + "/main.swift"]
        let swiftc = ProcessInfo.processInfo.environment["STREAMLAB_SWIFTC"] ?? "swiftc"
        let compile = try run("/usr/bin/env", [swiftc, "-Onone", "-o", directory + "/driver"] + sources)
        try #require(compile.status == 0, "compiling the \(exercise) reference failed: \(compile.output)")
        let result = try run(directory + "/driver", [directory + "/events.txt"])
        try #require(result.status == 0, "the \(exercise) driver failed: \(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Reads the events file into `ShopEvent`s with their key index.
    static let readEvents = """
        import Foundation

        func readEvents() -> [(keyIndex: Int, event: ShopEvent)] {
            let text = try! String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
            return text.split(separator: "\\n").map { line in
                let field = line.split(separator: " ").map { Int64($0)! }
                let event = ShopEvent(id: Int(field[0]), key: "k\\(field[1])", value: Int(field[2]), eventTimeMicros: field[3], arrivalTimeMicros: field[4])
                return (Int(field[1]), event)
            }
        }

        """

    /// Exercise 04's harness (`runSessions`, one key at a time) over every
    /// key in key order.
    static func sessionDriver(gapMicros: Int64, boundMicros: Int64) -> String {
        readEvents + """
            var byKey: [Int: [ShopEvent]] = [:]
            for (keyIndex, event) in readEvents() { byKey[keyIndex, default: []].append(event) }
            for keyIndex in byKey.keys.sorted() {
                for session in runSessions(byKey[keyIndex]!, gapMicros: \(gapMicros), boundMicros: \(boundMicros)) {
                    print("user-\\(keyIndex) \\(session.startMicros) \\(session.endMicros) \\(session.eventCount)")
                }
            }

            """
    }

    /// Exercise 05's `InventoryAlert` over the readings in order; prints the
    /// reading's index and the alerted SKU.
    static func inventoryDriver(thresholdUnits: Int) -> String {
        readEvents + """
            var alert = InventoryAlert(thresholdUnits: \(thresholdUnits))
            for (index, reading) in readEvents().enumerated() {
                for key in alert.process(reading.event) {
                    print("\\(index) sku-\\(key.dropFirst())")
                }
            }

            """
    }
}
