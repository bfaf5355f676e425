import Foundation

/// Runs independent pieces of work on a bounded number of threads: `jobs`
/// workers take the next piece from a shared counter until none is left,
/// and each result lands at its piece's index. The output order is the
/// pieces' order whatever the scheduling and the number of threads, so
/// deterministic pieces give byte-identical output for every `jobs`. One
/// pool for sweeps, calibration and the grading tables (`compare`, whose
/// runs share a read of the log, runs them in cohorts: `CohortRun`).
public enum ParallelMap {
    /// `progress(done, total)` is called after each piece, serialised, from
    /// whichever worker finished it.
    public static func run<Result>(count: Int, jobs: Int, progress: (Int, Int) -> Void = { _, _ in },
                                   _ work: (Int) -> Result) -> [Result] {
        precondition(jobs >= 1, "jobs must be at least 1")
        return withoutActuallyEscaping(work) { work in
            withoutActuallyEscaping(progress) { progress in
                let slots = ResultSlots<Result>(count: count)
                let calls = Calls(work: work, progress: progress)
                DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(jobs, count))) { _ in
                    // Bounded: each pass claims a distinct ticket below count.
                    while let index = slots.takeTicket() {
                        let result = calls.work(index)
                        slots.set(index, result) { done in calls.progress(done, count) }
                    }
                }
                return slots.values()
            }
        }
    }

    /// The closures, shared by the workers; `run` waits for every worker, so
    /// they never outlive the call.
    private struct Calls<Result>: @unchecked Sendable {
        var work: (Int) -> Result
        var progress: (Int, Int) -> Void
    }
}

/// Results at their pieces' indices, filled by workers in any order (for
/// `ParallelMap` and `CohortRun`).
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var nextTicket = 0
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func takeTicket() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextTicket < slots.count else { return nil }
        nextTicket += 1
        return nextTicket - 1
    }

    /// Stores a result and reports progress under the same lock, so
    /// progress calls never overlap.
    func set(_ index: Int, _ value: Value, report: (Int) -> Void) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
        done += 1
        report(done)
    }

    func values() -> [Value] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}
