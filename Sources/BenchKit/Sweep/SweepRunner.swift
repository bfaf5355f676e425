import SimKernel

/// Runs a sweep's cells on `jobs` threads (SimKernel's `ParallelMap`): the
/// output order is the grid's order whatever the scheduling; every cell is
/// deterministic, so `jobs` changes only the wall time.
public enum SweepRunner {
    /// `progress(done, total)` is called after each cell, serialised, from
    /// whichever worker finished it.
    public static func run(
        _ grid: SweepGrid, jobs: Int, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) -> [SweepResult] {
        let cells = grid.cells
        return ParallelMap.run(count: cells.count, jobs: jobs, progress: progress) { grid.run(cells[$0]) }
    }
}
