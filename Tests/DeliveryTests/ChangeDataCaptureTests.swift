import Delivery
import SimKernel
import Testing

@Suite struct ChangeDataCaptureTests {
    @Test func changelogCarriesBeforeAndAfterAndRebuildsTheTable() {
        var table = ChangeDataCapture()
        table.upsert(key: 1, value: 10, at: .seconds(1))
        table.upsert(key: 2, value: 20, at: .seconds(2))
        table.upsert(key: 1, value: 11, at: .seconds(3))
        #expect(table.upsert(key: 1, value: 11, at: .seconds(4)) == nil)
        table.delete(key: 2, at: .seconds(5))
        #expect(table.changelog.map(\.operation) == [.create, .create, .update, .delete])
        #expect(table.changelog.map(\.lsn) == [1, 2, 3, 4])
        #expect(table.changelog[2].before == 10 && table.changelog[2].after == 11)
        #expect(table.changelog[3].before == 20 && table.changelog[3].after == nil)
        #expect(ChangeDataCapture.materialize(table.changelog) == table.rows)
        #expect(ChangeDataCapture.materialize(table.changelog.prefix(3)) == [1: 11, 2: 20])
    }
}
