/// The lab's one percentile definition: nearest rank. The q-quantile of n
/// values is the smallest value with at least ⌈q·n⌉ values at or below it
/// (rank 1 for q = 0). Exact, deterministic, and never interpolated, so a
/// reported p99 is always a value that was measured. HdrHistogram
/// (`Harness.LatencySummary`) answers the same question to three significant
/// digits in constant memory; the histogram of lateness in `DisorderSummary`
/// answers it to bucket precision; both use `rank` for the rank.
public enum NearestRank {
    /// The 1-based rank of the q-quantile among `count` values.
    public static func rank(of quantile: Double, count: Int) -> Int {
        precondition(quantile >= 0 && quantile <= 1, "a quantile is in [0, 1]")
        return Swift.min(count, Swift.max(1, Int((quantile * Double(count)).rounded(.up))))
    }

    /// The q-quantile of values already sorted ascending; 0 when there are none.
    public static func value(of quantile: Double, inSorted sorted: [Int64]) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        return sorted[rank(of: quantile, count: sorted.count) - 1]
    }
}
