let hiddenChecks: [Check] = [
    Check("before any batch run has finished every hour comes from the speed view") {
        checkServe(Views(hourStarts: [Clock.at(22, 0), Clock.at(23, 0)], coveredUntil: nil,
                         batch: [Clock.at(22, 0): 9], speed: [Clock.at(22, 0): 4, Clock.at(23, 0): 8]))
    },
    Check("a covered hour missing from the batch view had no events: 0, not the speed layer's drifted count") {
        checkServe(Views(hourStarts: [Clock.at(22, 0), Clock.at(23, 0), Clock.at(24, 0)], coveredUntil: Clock.at(24, 0),
                         batch: [Clock.at(22, 0): 9], speed: [Clock.at(22, 0): 9, Clock.at(23, 0): 2, Clock.at(24, 0): 6]))
    },
    Check("an uncovered hour missing from the speed view counts 0") {
        checkServe(Views(hourStarts: [Clock.at(22, 0), Clock.at(23, 0)], coveredUntil: Clock.at(23, 0),
                         batch: [Clock.at(22, 0): 9, Clock.at(23, 0): 4], speed: [Clock.at(22, 0): 12]))
    },
    Check("a day of hours with the last batch run at 20:00") {
        let starts = (0..<24).map { Clock.at(Int64($0), 0) }
        var batch: [Int64: Int] = [:], speed: [Int64: Int] = [:]
        for (index, start) in starts.enumerated() {
            if index < 21 { batch[start] = 100 + index * 7 % 13 }
            speed[start] = 100 + index * 7 % 13 + (index % 3 == 0 ? 5 : 0)
        }
        return checkServe(Views(hourStarts: starts, coveredUntil: Clock.at(20, 0), batch: batch, speed: speed))
    },
]
