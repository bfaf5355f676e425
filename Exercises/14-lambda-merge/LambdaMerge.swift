// Exercise 14: the serving-view merge of a Lambda architecture (lesson 09).
//
// A batch layer recomputed hourly counts from the whole master data set; its
// last finished run read everything up to `batchCoveredUntilMicros` (nil: no
// batch run has finished yet). A speed layer keeps its own counts for every
// hour, recent or not. Answer each hour in `hourStarts` (each hour is
// [start, start + hourMicros)) from exactly ONE view: the batch view when the
// batch run covered the whole hour, the speed view otherwise. An hour missing
// from the view you use counts 0.

func serve(hourStarts: [Int64], hourMicros: Int64, batchCoveredUntilMicros: Int64?,
           batchView: [Int64: Int], speedView: [Int64: Int]) -> [Int64: Int] {
    // TODO
    return [:]
}
