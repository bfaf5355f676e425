// Exercise 03, student side: answers the checker's calls with your code.
enum StudentSide {
    static var strategies = StudentObjects<BoundedOutOfOrderness>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(strategies.add(BoundedOutOfOrderness(maxOutOfOrdernessMicros: try arguments.get())))
        case "onEvent":
            let handle = try strategies.handle(&arguments)
            strategies[handle].onEvent(try arguments.get())
        case "currentWatermark":
            answer.put(strategies[try strategies.handle(&arguments)].currentWatermark())
        default: throw WireError.unknownCall(call)
        }
    }
}
