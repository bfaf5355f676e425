// Exercise 11, student side: answers the checker's calls with your code.
enum StudentSide {
    static func dispatch(_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws {
        switch call {
        case "countPerWindow":
            let events = try arguments.get([ShopEvent].self), watermarks = try arguments.get([Int64].self)
            guard events.count == watermarks.count else { throw WireError.malformed("arrivals") }
            let arrivals = zip(events, watermarks).map { (event: $0, watermarkMicros: $1) }
            answer.put(countPerWindow(arrivals, windowMicros: try arguments.get()))
        default: throw WireError.unknownCall(call)
        }
    }
}
