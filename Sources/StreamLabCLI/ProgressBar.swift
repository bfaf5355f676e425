import Foundation

/// The one progress bar of `compare`, `sweep` and `crash --swarm`: a line on
/// standard error with the share done and an estimate of the time left,
/// drawn only on a terminal and never when STREAMLAB_NO_PROGRESS is set or
/// CI=true, so logs, tests and reports stay byte-identical. The wall clock it
/// reads is the user's, never the simulation's. Safe to update from the
/// sweep's worker threads.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled: Bool
    private let lock = NSLock()
    private let startSeconds: Double
    private var shown = false

    init(label: String) {
        self.label = label
        let environment = ProcessInfo.processInfo.environment
        enabled = isatty(STDERR_FILENO) == 1 && environment["STREAMLAB_NO_PROGRESS"] == nil && environment["CI"] != "true"
        startSeconds = MonotonicClock.nowSeconds()
    }

    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let text = Self.line(label: label, done: done, total: total, elapsedSeconds: MonotonicClock.nowSeconds() - startSeconds)
        ErrorReporting.printRaw("\r" + text)
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { ErrorReporting.printRaw("\r" + String(repeating: " ", count: 72) + "\r") }
    }

    /// `compare [#########.....................] 9/30 runs, ETA 1m 10s`: pure,
    /// so tests pin it without a clock. The estimate assumes the remaining
    /// work goes at the pace so far; none before the first step is done.
    static func line(label: String, done: Int, total: Int, elapsedSeconds: Double) -> String {
        let width = 30
        let clamped = Swift.min(Swift.max(done, 0), total)
        let filled = total == 0 ? width : width * clamped / total
        var text = label + " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        text += " \(clamped)/\(total)"
        guard clamped > 0, clamped < total else { return text }
        let remaining = elapsedSeconds / Double(clamped) * Double(total - clamped)
        return text + ", ETA " + duration(seconds: remaining)
    }

    /// `45s`, `3m 05s`, `2h 10m`.
    static func duration(seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3_600 { return "\(whole / 60)m " + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)s" }
        return "\(whole / 3_600)h " + (whole % 3_600 / 60 < 10 ? "0" : "") + "\(whole % 3_600 / 60)m"
    }
}
