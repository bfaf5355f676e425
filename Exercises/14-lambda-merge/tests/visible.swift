let visibleChecks: [Check] = [
    Check("hours the batch run covered come from the batch view alone, later hours from the speed view") {
        checkServe(Views(
            hourStarts: [Clock.at(22, 0), Clock.at(23, 0), Clock.at(24, 0), Clock.at(25, 0)], coveredUntil: Clock.at(24, 0),
            batch: [Clock.at(22, 0): 10, Clock.at(23, 0): 20],
            speed: [Clock.at(22, 0): 11, Clock.at(23, 0): 22, Clock.at(24, 0): 5, Clock.at(25, 0): 7]))
    },
    Check("an hour the batch run covered only in part comes from the speed view") {
        checkServe(Views(
            hourStarts: [Clock.at(23, 0), Clock.at(24, 0), Clock.at(25, 0)], coveredUntil: Clock.at(24, 30),
            batch: [Clock.at(23, 0): 20, Clock.at(24, 0): 3],
            speed: [Clock.at(23, 0): 22, Clock.at(24, 0): 6, Clock.at(25, 0): 7]))
    },
]
