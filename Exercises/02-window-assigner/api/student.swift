// Exercise 02, student side: answers the checker's calls with your code.
enum StudentSide {
    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "assignWindows":
            answer.put(assignWindows(eventTimeMicros: try arguments.get(), sizeMicros: try arguments.get(),
                                     slideMicros: try arguments.get(), offsetMicros: try arguments.get()))
        default: throw WireError.unknownCall(call)
        }
    }
}
