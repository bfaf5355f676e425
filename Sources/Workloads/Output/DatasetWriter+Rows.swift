import SimKernel

/// The two row layouts. Values use Swift's shortest round-trip decimal form
/// (`Double.description`), identical on every platform and build mode.
extension DatasetWriter {
    func writeCSV(_ event: Event) {
        let comma = UInt8(ascii: ",")
        appendInteger(event.id); buffer.append(comma)
        appendKey(event.key); buffer.append(comma)
        appendKind(event.kind); buffer.append(comma)
        appendInteger(event.attempt); buffer.append(comma)
        appendInteger(event.producer); buffer.append(comma)
        appendInteger(event.partition); buffer.append(comma)
        appendInteger(event.attribute); buffer.append(comma)
        append(event.value.description); buffer.append(comma)
        appendTimes(event, separator: [comma], names: nil)
        buffer.append(UInt8(ascii: "\n"))
    }

    func writeJSONLine(_ event: Event) {
        append("{\"id\":"); appendInteger(event.id)
        append(",\"key\":\""); appendKey(event.key)
        append("\",\"kind\":\""); appendKind(event.kind)
        append("\",\"attempt\":"); appendInteger(event.attempt)
        append(",\"producer\":"); appendInteger(event.producer)
        append(",\"partition\":"); appendInteger(event.partition)
        append(",\"attribute\":"); appendInteger(event.attribute)
        append(",\"value\":"); append(event.value.isFinite ? event.value.description : "null")
        appendTimes(event, separator: [UInt8(ascii: ",")], names: DatasetWriter.columns.suffix(4).map { "\"\($0)\":" })
        append("}\n")
    }

    /// The four time columns. In CSV they follow a comma already written;
    /// in JSON each is preceded by a comma and its quoted name.
    private func appendTimes(_ event: Event, separator: [UInt8], names: [String]?) {
        let eventMicros = event.eventTime.micros, arrivalMicros = event.arrivalTime.micros
        let values = (eventMicros, arrivalMicros, DatasetWriter.floorMillis(eventMicros), DatasetWriter.floorMillis(arrivalMicros))
        for index in 0..<4 {
            if index > 0 || names != nil { buffer.append(contentsOf: separator) }
            if let names { append(names[index]) }
            switch index {
            case 0: appendInteger(values.0)
            case 1: appendInteger(values.1)
            case 2: appendInteger(values.2)
            default: appendInteger(values.3)
            }
        }
    }
}
