// The student's side of the wire: answers the checker's calls with the
// student's code and nothing else. It never sees a check, an expected value
// or a verdict; whatever it prints goes to the grader's log, not to the
// checker, so printing a verdict, exiting early or shadowing any symbol here
// can only change the student's own answers.
//
// File descriptor 3 carries calls in, 4 carries answers out (set up by the
// grader, Sources/Teaching/SwiftExerciseRunner.swift).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum StudentServer {
    typealias Dispatch = (_ call: String, _ arguments: inout WireReader, _ answer: inout WireWriter) throws -> Void

    static func main(_ dispatch: Dispatch) -> Never {
        let channel = WireChannel(readDescriptor: 3, writeDescriptor: 4)
        while let frame = channel.receive() {
            var arguments = WireReader(frame)
            var answer = WireWriter()
            do {
                let call = try arguments.get(String.self)
                try dispatch(call, &arguments, &answer)
                try arguments.expectEnd()
            } catch {
                exit(3)
            }
            guard channel.send(answer) else { exit(4) }
        }
        exit(0)
    }
}

/// The objects a check created, by handle (the index the checker holds).
struct StudentObjects<Object> {
    private(set) var all: [Object] = []

    mutating func add(_ object: Object) -> Int {
        all.append(object)
        return all.count - 1
    }

    /// The handle in the call's arguments, checked.
    func handle(_ arguments: inout WireReader) throws -> Int {
        let handle = try arguments.get(Int.self)
        guard all.indices.contains(handle) else { throw WireError.malformed("no object \(handle)") }
        return handle
    }

    subscript(handle: Int) -> Object {
        get { all[handle] }
        set { all[handle] = newValue }
    }
}
