/// The serving layer of a Lambda architecture (Nathan Marz): a query is
/// answered from two views, the batch view (recomputed from the whole master
/// data set by the last batch run, so correct but hours old) and the
/// real-time view of the speed layer (incremental, covering what arrived
/// since). Exercise 14 (`Exercises/14-lambda-merge`) asks students to write
/// exactly this rule; the reference there is checked against this one.
///
/// The rule, per span `[start, end)` of event time: the batch view answers
/// when the last batch run covered the whole span (`end <= coverageEnd`);
/// otherwise the speed view answers. Never both: the speed layer keeps its
/// own (possibly drifted) copy of the covered spans too, so adding the two
/// views counts the overlap twice, and preferring the speed view where the
/// batch view exists serves the drift the batch run was there to repair.
public enum ServingMerge {
    public enum Layer: String, Sendable, Equatable {
        case batch
        case speed
    }

    /// The answer for one span: the value and the layer it came from.
    public struct Answer: Equatable, Sendable {
        public var startMicros: Int64
        public var value: Int64
        public var layer: Layer
    }

    /// One answer per span start in `spanStartsMicros` (each span is
    /// `spanMicros` long). `coverageEndMicros` is where the last finished
    /// batch run's input stopped; nil when no batch run has finished yet.
    /// A span missing from the chosen view counts 0 (no event in it).
    public static func merge(
        spanStartsMicros: [Int64], spanMicros: Int64, coverageEndMicros: Int64?,
        batchView: [Int64: Int64], speedView: [Int64: Int64]
    ) -> [Answer] {
        precondition(spanMicros > 0, "a span must have a length")
        return spanStartsMicros.map { start in
            if let coverageEndMicros, start + spanMicros <= coverageEndMicros {
                return Answer(startMicros: start, value: batchView[start] ?? 0, layer: .batch)
            }
            return Answer(startMicros: start, value: speedView[start] ?? 0, layer: .speed)
        }
    }
}
