// Exercise 07, student side: answers the checker's calls with your code.
enum StudentSide {
    static var sinks = StudentObjects<IdempotentSink>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(sinks.add(IdempotentSink()))
        case "write":
            let handle = try sinks.handle(&arguments)
            let batchId = try arguments.get(Int.self)
            let keys = try arguments.get([String].self), increments = try arguments.get([Int].self)
            guard keys.count == increments.count else { throw WireError.malformed("rows") }
            sinks[handle].write(batchId: batchId, rows: zip(keys, increments).map { (key: $0, increment: $1) })
        case "total":
            let handle = try sinks.handle(&arguments)
            answer.put(sinks[handle].total(try arguments.get()))
        default: throw WireError.unknownCall(call)
        }
    }
}
