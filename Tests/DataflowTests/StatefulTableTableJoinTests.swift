import Testing
import SimKernel
import Workloads
@testable import Dataflow

@Suite struct StatefulTableTableJoinTests {
    typealias Join = TableTableJoinOperator
    /// kinds 0/1/2: left insert/update/delete; kinds 3/4/5: the same on the right.
    static let classify: @Sendable (Event) -> (side: JoinSide, operation: ChangelogOperation)? = { event in
        let operations: [ChangelogOperation] = [.insert, .update, .delete]
        guard event.kind < 6 else { return nil }
        return (event.kind < 3 ? .left : .right, operations[Int(event.kind % 3)])
    }

    static func row(_ value: Double) -> Join.Row { Join.Row(value: value, attribute: 0) }

    @Test func joinEmitsInsertThenRetractionPairThenDelete() {
        var driver = StatefulDriver(Join(classify: Self.classify))
        #expect(driver.send(key: 1, atMillis: 0, value: 1, kind: 0).isEmpty)
        #expect(driver.send(key: 1, atMillis: 1, value: 100, kind: 3) == [
            Join.Change(kind: .insert, key: 1, left: Self.row(1), right: Self.row(100))])
        #expect(driver.send(key: 1, atMillis: 2, value: 2, kind: 1) == [
            Join.Change(kind: .updateBefore, key: 1, left: Self.row(1), right: Self.row(100)),
            Join.Change(kind: .updateAfter, key: 1, left: Self.row(2), right: Self.row(100))])
        #expect(driver.send(key: 1, atMillis: 3, kind: 5) == [
            Join.Change(kind: .delete, key: 1, left: Self.row(2), right: Self.row(100))])
        #expect(driver.send(key: 1, atMillis: 4, value: 3, kind: 1).isEmpty)
    }

    @Test func unchangedUpdateEmitsNothing() {
        var driver = StatefulDriver(Join(classify: Self.classify))
        _ = driver.send(key: 1, atMillis: 0, value: 1, kind: 0)
        _ = driver.send(key: 1, atMillis: 1, value: 5, kind: 3)
        #expect(driver.send(key: 1, atMillis: 2, value: 1, kind: 1).isEmpty)
    }

    @Test func materializedResultEqualsJoinOfFinalTablesInAnyArrivalOrder() {
        // A fixed changelog, replayed in several deterministic shuffles.
        let script: [(key: Int32, value: Double, kind: UInt16)] = [
            (1, 1, 0), (2, 2, 0), (1, 10, 3), (3, 3, 0), (2, 20, 3), (1, 11, 1), (3, 30, 3),
            (2, 0, 2), (3, 31, 4), (4, 4, 0), (2, 22, 0),
        ]
        // Final tables: left {1: 11, 2: 22, 3: 3, 4: 4}, right {1: 10, 2: 20, 3: 31}.
        let expected: [(Int32, Double, Double)] = [(1, 11, 10), (2, 22, 20), (3, 3, 31)]
        let left = script.filter { $0.kind < 3 }
        let right = script.filter { $0.kind >= 3 }
        // Interleavings of the two sides; each side keeps its own order, as a
        // per-key changelog requires.
        let interleavings: [[(key: Int32, value: Double, kind: UInt16)]] = [
            script, left + right, right + left,
            zip(left, right).flatMap { [$0.1, $0.0] } + left.dropFirst(right.count),
        ]
        for (index, order) in interleavings.enumerated() {
            #expect(order.count == script.count)
            var driver = StatefulDriver(Join(classify: Self.classify))
            var changes: [Join.Change] = []
            for step in order {
                changes += driver.send(key: step.key, atMillis: 0, value: step.value, kind: step.kind)
            }
            let table = Join.materialize(changes)
            #expect(table.map(\.key) == expected.map(\.0), "interleaving \(index)")
            #expect(table.map(\.left.value) == expected.map(\.1), "interleaving \(index)")
            #expect(table.map(\.right.value) == expected.map(\.2), "interleaving \(index)")
        }
    }
}
