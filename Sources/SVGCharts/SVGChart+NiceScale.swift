import Foundation

extension SVGChart {
    /// Heckbert's "nice numbers" (Graphics Gems, 1990): a tick step of 1, 2
    /// or 5 × 10^k that cuts `span` into about `target` intervals, so axes
    /// read 0, 50, 100 rather than 89.3, 168, 246.
    static func niceStep(span: Double, target: Double = 5) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let rough = span / target
        let magnitude = pow(10, log10(rough).rounded(.down))
        let residual = rough / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    /// `low` and `high` widened to multiples of a nice step, and that step.
    static func niceRange(low: Double, high: Double) -> (low: Double, high: Double, step: Double) {
        let step = niceStep(span: high - low)
        return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step, step)
    }

    /// The multiples of `step` within [low, high] (at most 21 of them; the
    /// two ends if the step is unusable). Each tick is an integer times the
    /// step, so no rounding error accumulates along the axis.
    static func ticks(from low: Double, to high: Double, step: Double) -> [Double] {
        let tolerance = step * 1e-9
        let first = ((low - tolerance) / step).rounded(.up), last = ((high + tolerance) / step).rounded(.down)
        guard step > 0, first <= last, last - first <= 20 else { return [low, high] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// Ticks inside a range the caller fixed (`yMaximum`, a right axis).
    static func ticks(within low: Double, _ high: Double) -> [Double] {
        ticks(from: low, to: high, step: niceStep(span: high - low))
    }
}
