// Exercise 04, student side: answers the checker's calls with your code.
enum StudentSide {
    static var functions = StudentObjects<SessionTimeout>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(functions.add(SessionTimeout(gapMicros: try arguments.get())))
        case "processElement":
            let function = functions[try functions.handle(&arguments)]
            let event = try arguments.get(ShopEvent.self)
            var timers = try arguments.get(Timers.self)
            answer.put(function.processElement(event, timers: &timers))
            answer.put(timers)
        case "onTimer":
            let function = functions[try functions.handle(&arguments)]
            let timeMicros = try arguments.get(Int64.self), key = try arguments.get(String.self)
            var timers = try arguments.get(Timers.self)
            answer.put(function.onTimer(timeMicros, key: key, timers: &timers))
            answer.put(timers)
        default: throw WireError.unknownCall(call)
        }
    }
}
