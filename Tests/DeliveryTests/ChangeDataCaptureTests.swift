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

    @Test func theConnectorCapturesAChangeAtTheNextPollTick() {
        var table = ChangeDataCapture(pollInterval: .millis(500))
        table.upsert(key: 1, value: 10, at: .millis(1_000))
        table.upsert(key: 1, value: 9, at: .millis(1_001))
        #expect(table.changelog.map(\.capturedAt) == [.millis(1_000), .millis(1_500)])
    }

    @Test func theEnvelopeFollowsDebeziumsFieldOrder() {
        var table = ChangeDataCapture()
        table.upsert(key: 1, value: 10, at: .millis(1_200))
        table.delete(key: 1, at: .millis(2_000))
        let envelope = ChangeEnvelope(table: "inventory", keyColumn: "sku", valueColumn: "stock")
        #expect(envelope.json(table.changelog[0], keyName: "sku-1") == #"{"before":null,"after":{"sku":"sku-1","stock":10},"source":{"connector":"streamlab","table":"inventory","lsn":1,"ts_ms":1200},"op":"c","ts_ms":1500}"#)
        #expect(envelope.json(table.changelog[1], keyName: "sku-1") == #"{"before":{"sku":"sku-1","stock":10},"after":null,"source":{"connector":"streamlab","table":"inventory","lsn":2,"ts_ms":2000},"op":"d","ts_ms":2000}"#)
    }
}
