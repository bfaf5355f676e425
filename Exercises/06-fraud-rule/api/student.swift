// Exercise 06, student side: answers the checker's calls with your code.
enum StudentSide {
    static var rules = StudentObjects<FraudRule>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(rules.add(FraudRule()))
        case "process":
            let handle = try rules.handle(&arguments)
            answer.put(rules[handle].process(try arguments.get()))
        default: throw WireError.unknownCall(call)
        }
    }
}
