// Exercise 14, student side: answers the checker's calls with your code.
enum StudentSide {
    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "serve":
            let hourStarts = try arguments.get([Int64].self), hourMicros = try arguments.get(Int64.self)
            let covered = try arguments.get(Int64?.self)
            let batchView = try arguments.get([Int64: Int].self), speedView = try arguments.get([Int64: Int].self)
            answer.put(serve(hourStarts: hourStarts, hourMicros: hourMicros, batchCoveredUntilMicros: covered,
                             batchView: batchView, speedView: speedView))
        default: throw WireError.unknownCall(call)
        }
    }
}
