// The checker's side of the wire: each call to "the student's function" in a
// check is a proxy (Exercises/NN/api/proxy.swift) that sends the arguments to
// the student's program and decodes its answer here. The comparison with the
// expected value happens in this program, compiled apart from the student's
// module, so no overload or shadowing in the student's code can reach it.
//
// When the student's program does not answer (it crashed, exited, looped past
// the deadline or sent bytes that do not decode) the check ends with NORESULT,
// which the grader turns into a failure that says why.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum StudentLink {
    static let channel = WireChannel(readDescriptor: 3, writeDescriptor: 4)

    /// Calls `name` in the student's program and decodes its answer.
    static func answer<Answer: WireCodable>(_ name: String, _ arguments: (inout WireWriter) -> Void = { _ in }) -> Answer {
        answer(name, arguments) { try $0.get(Answer.self) }
    }

    /// Calls `name` for an answer of several values, read by `decode`.
    static func answer<Answer>(_ name: String, _ arguments: (inout WireWriter) -> Void, decode: (inout WireReader) throws -> Answer) -> Answer {
        var reader = call(name, arguments)
        do {
            let value = try decode(&reader)
            try reader.expectEnd()
            return value
        } catch {
            noResult("the answer to \(name) could not be read")
        }
    }

    /// Calls `name` for its effect (a mutating method): the answer is empty.
    static func perform(_ name: String, _ arguments: (inout WireWriter) -> Void = { _ in }) {
        let reader = call(name, arguments)
        if reader.remaining != 0 { noResult("the answer to \(name) could not be read") }
    }

    private static func call(_ name: String, _ arguments: (inout WireWriter) -> Void) -> WireReader {
        var writer = WireWriter()
        writer.put(name)
        arguments(&writer)
        guard channel.send(writer), let frame = channel.receive() else {
            noResult("your code stopped before it answered \(name)")
        }
        return WireReader(frame)
    }

    static func noResult(_ reason: String) -> Never {
        print(CheckRunner.marker + "NORESULT\t" + reason)
        exit(0)
    }
}
