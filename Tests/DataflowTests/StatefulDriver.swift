import SimKernel
import Workloads
@testable import Dataflow

/// A hand-cranked engine for subject tests: the test decides exactly when
/// records, watermarks and processing-time advances happen.
struct StatefulDriver<Subject: StreamOperator> {
    var subject: Subject
    var context = OperatorContext<Subject.Output>()
    private var nextID: UInt64 = 0

    init(_ subject: Subject) { self.subject = subject }

    mutating func send(
        key: Int32, atMillis millis: Int64, value: Double = 1, kind: UInt16 = 0, attribute: Int32 = 0
    ) -> [Subject.Output] {
        let event = Event(
            id: nextID, key: key, kind: kind, attribute: attribute, value: value,
            eventTime: .millis(millis), arrivalTime: .millis(millis))
        nextID += 1
        subject.process(event, context: &context)
        return drain()
    }

    mutating func watermark(millis: Int64) -> [Subject.Output] {
        watermark(Instant.millis(millis))
    }

    mutating func watermark(_ instant: Instant) -> [Subject.Output] {
        context.watermark = instant
        subject.advanceWatermark(to: instant, context: &context)
        return drain()
    }

    mutating func processingTime(millis: Int64) -> [Subject.Output] {
        context.processingTime = .millis(millis)
        subject.advanceProcessingTime(to: .millis(millis), context: &context)
        return drain()
    }

    private mutating func drain() -> [Subject.Output] {
        defer { context.outputs.removeAll() }
        return context.outputs
    }
}
