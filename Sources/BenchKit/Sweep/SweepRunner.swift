import Foundation
import Synchronization

/// Runs a sweep's cells on `jobs` threads. Workers take the next cell index
/// from a shared counter and store each result at its cell's index, so the
/// output order is the grid's order whatever the scheduling; every cell is
/// deterministic, so `jobs` changes only the wall time.
public enum SweepRunner {
    /// `progress(done, total)` is called after each cell, serialised, from
    /// whichever worker finished it.
    public static func run(
        _ grid: SweepGrid, jobs: Int, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) -> [SweepResult] {
        precondition(jobs >= 1, "jobs must be at least 1")
        let cells = grid.cells
        let state = Mutex(State(results: Array(repeating: nil, count: cells.count)))
        let workerCount = Swift.min(jobs, Swift.max(cells.count, 1))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            // Bounded: each pass claims a distinct cell index below cells.count.
            while true {
                let index = state.withLock { state -> Int? in
                    guard state.nextCell < cells.count else { return nil }
                    defer { state.nextCell += 1 }
                    return state.nextCell
                }
                guard let index else { return }
                let result = grid.run(cells[index])
                state.withLock { state in
                    state.results[index] = result
                    state.done += 1
                    progress(state.done, cells.count)
                }
            }
        }
        return state.withLock { $0.results.map { $0! } }
    }

    struct State {
        var results: [SweepResult?]
        var nextCell = 0
        var done = 0
    }
}
