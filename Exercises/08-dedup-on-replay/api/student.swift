// Exercise 08, student side: answers the checker's calls with your code.
enum StudentSide {
    static var deduplicators = StudentObjects<Deduplicator>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(deduplicators.add(Deduplicator(retentionMicros: try arguments.get())))
        case "process":
            let handle = try deduplicators.handle(&arguments)
            let event = try arguments.get(ShopEvent.self)
            answer.put(deduplicators[handle].process(event, watermarkMicros: try arguments.get()))
        case "stateSize":
            answer.put(deduplicators[try deduplicators.handle(&arguments)].stateSize)
        default: throw WireError.unknownCall(call)
        }
    }
}
