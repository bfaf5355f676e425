// Exercise 05, student side: answers the checker's calls with your code.
enum StudentSide {
    static var alerts = StudentObjects<InventoryAlert>()

    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "init":
            answer.put(alerts.add(InventoryAlert(thresholdUnits: try arguments.get())))
        case "process":
            let handle = try alerts.handle(&arguments)
            answer.put(alerts[handle].process(try arguments.get()))
        default: throw WireError.unknownCall(call)
        }
    }
}
