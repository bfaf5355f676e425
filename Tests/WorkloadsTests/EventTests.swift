import Testing
@testable import Workloads
@Suite struct EventTests { @Test func transportDelayIsArrivalMinusEventTime() { let e = Event(id: 0, key: 0, value: 1, eventTime: .millis(10), arrivalTime: .millis(35)); #expect(e.transportDelay == .millis(25)) } }
