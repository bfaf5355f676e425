import SimKernel
import Workloads

/// Flink CEP's keyed operator in event time (`CepOperator`, Flink 2.3): it
/// buffers each key's events and runs them through the key's `PatternNFA`
/// in timestamp order once the watermark has passed them.
///
/// - `CepOperator.processElement`: an event is buffered only when
///   `timestamp > currentWatermark`; otherwise it is late and goes to the
///   late side output (`sideOutputLateData`) or is dropped and counted
///   (`numLateRecordsDropped`). An event *at* the watermark is late.
/// - `bufferEvent` keeps a list per (key, timestamp) and registers an
///   event-time timer at that timestamp, so the key wakes up when
///   `timer <= watermark`.
/// - `onEventTime`: while the key's smallest buffered timestamp is
///   `<= watermark`, it advances the NFA's time to that timestamp (pruning
///   partial matches out of their window), then feeds the events with that
///   timestamp in arrival order (no `EventComparator` is set), and finally
///   advances the NFA's time to the watermark.
///
/// Out-of-order input is therefore matched in event-time order, not arrival
/// order, and nothing is matched before the watermark promises that no
/// earlier event of the key can still arrive.
public struct PatternOperator: StreamOperator {
    public typealias Output = PatternMatch

    public let pattern: EventPattern
    let conditions: [ResolvedCondition]
    /// The pattern's slots, to label matched events with their stages.
    let slots: [EventPattern.Slot]
    /// Late events go to `context.lateSideOutput` when true, else are dropped and counted.
    public let lateDataToSideOutput: Bool
    /// A deliberately wrong rule for the conformance suite's mutation tests.
    public let mutation: RuleMutation?

    /// Each key's buffered events, sorted by event time, ties in arrival order.
    private var buffers: [Int32: [Event]] = [:]
    private var automata: [Int32: PatternNFA] = [:]
    private var timers = TimerService<Int32>()
    public private(set) var bufferedEventCount = 0
    public private(set) var partialMatchCount = 0

    public init(pattern: EventPattern, conditions: [ResolvedCondition], lateDataToSideOutput: Bool = true, mutation: RuleMutation? = nil) {
        precondition(conditions.count == pattern.stages.count, "one condition per stage")
        self.pattern = pattern
        self.conditions = conditions
        slots = pattern.slots
        self.lateDataToSideOutput = lateDataToSideOutput
        self.mutation = mutation
    }

    public static var reactsToProcessingTime: Bool { false }

    public mutating func process(_ event: Event, context: inout OperatorContext<PatternMatch>) {
        guard event.eventTime > context.watermark else {
            if lateDataToSideOutput { context.lateSideOutput.append(event) } else { context.droppedLateCount += 1 }
            return
        }
        if mutation == .cepArrivalOrder {
            matchOnArrival(event, watermark: context.watermark, context: &context)
            return
        }
        var buffer = buffers.removeValue(forKey: event.key) ?? []
        var low = buffer.startIndex
        var high = buffer.endIndex
        while low < high {  // first index with a later event time: ties keep arrival order
            let middle = (low + high) / 2
            if buffer[middle].eventTime <= event.eventTime { low = middle + 1 } else { high = middle }
        }
        buffer.insert(event, at: low)
        buffers[event.key] = buffer
        bufferedEventCount += 1
        timers.register(.eventTime, key: event.key, at: event.eventTime)
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<PatternMatch>) {
        var fired: [Int32] = []
        for (key, _) in timers.popDue(.eventTime, upTo: watermark) where !fired.contains(key) {
            fired.append(key)
            fire(key: key, watermark: watermark, context: &context)
        }
    }

    /// The `cep-arrival-order` mutation: the event goes straight into the NFA.
    private mutating func matchOnArrival(_ event: Event, watermark: Instant, context: inout OperatorContext<PatternMatch>) {
        var automaton = automata.removeValue(forKey: event.key) ?? PatternNFA(pattern: pattern, conditions: conditions, mutation: mutation)
        automaton.advanceTime(to: event.eventTime)
        emit(automaton.process(event), key: event.key, watermark: watermark, context: &context)
        automata[event.key] = automaton
    }

    /// `onEventTime` for one key: every buffered event up to the watermark, in order.
    private mutating func fire(key: Int32, watermark: Instant, context: inout OperatorContext<PatternMatch>) {
        let buffer = buffers.removeValue(forKey: key) ?? []
        var automaton = automata.removeValue(forKey: key) ?? PatternNFA(pattern: pattern, conditions: conditions, mutation: mutation)
        partialMatchCount -= automaton.partialMatchCount
        var index = 0
        while index < buffer.count, buffer[index].eventTime <= watermark {
            let timestamp = buffer[index].eventTime
            automaton.advanceTime(to: timestamp)
            while index < buffer.count, buffer[index].eventTime == timestamp {
                emit(automaton.process(buffer[index]), key: key, watermark: watermark, context: &context)
                index += 1
            }
        }
        automaton.advanceTime(to: watermark)
        bufferedEventCount -= index
        if index < buffer.count { buffers[key] = Array(buffer[index...]) }
        partialMatchCount += automaton.partialMatchCount
        precondition(bufferedEventCount >= 0 && partialMatchCount >= 0, "the operator's state counters went negative")
        if automaton.partialMatchCount > 0 { automata[key] = automaton }
    }

    /// Completed matches, each event labelled with the stage its slot belongs to.
    private func emit(_ completed: [[Event]], key: Int32, watermark: Instant, context: inout OperatorContext<PatternMatch>) {
        for events in completed {
            let matched = zip(events, slots).map { PatternMatch.MatchedEvent(stageIndex: $1.stageIndex, event: $0) }
            context.outputs.append(PatternMatch(key: key, events: matched, watermark: watermark))
        }
    }
}
