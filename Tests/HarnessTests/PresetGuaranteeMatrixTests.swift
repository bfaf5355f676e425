import Delivery
import Engines
import Harness
import SimKernel
import Testing

/// Every preset × guarantee pair either runs as the real system runs it or is
/// refused with the modes the system does offer; nothing in between.
@Suite struct PresetGuaranteeMatrixTests {
    static let pairs: [(String, Guarantee)] = PresetRegistry.names.flatMap { name in Guarantee.allCases.map { (name, $0) } }

    @Test(arguments: pairs)
    func eachPairRunsOrIsRefusedNamingTheOfferedModes(preset name: String, guarantee: Guarantee) throws {
        let preset = try PresetRegistry.preset(named: name)
        guard let offered = preset.offering(guarantee) else {
            let error = #expect(throws: InputError.self) { _ = try DeliveryEngine.named(name, guarantee: guarantee) }
            let offers = preset.guarantees.map(\.guarantee.rawValue).joined(separator: ", ")
            #expect(error?.description == "error: <command line>: --guarantee: \(name) does not offer \(guarantee.rawValue); it offers \(offers)")
            return
        }
        #expect(!offered.configuration.isEmpty && !offered.source.isEmpty)
        let outcome = try CrashSwarm.check(seed: 7, engine: name, guarantee: guarantee)
        #expect(outcome.finished, "\(outcome)")
        #expect(outcome.crashes > 0 || outcome.plan.contains("during-checkpoint"), "\(outcome)")
    }

    /// The systems the course names: which modes each really has.
    @Test func theCatalogMatchesTheRealSystemsModes() throws {
        func modes(_ name: String) throws -> [String] {
            try PresetRegistry.preset(named: name).guarantees.map(\.guarantee.rawValue).sorted()
        }
        #expect(try modes("spark-structured-streaming").contains("at-most-once") == false)
        #expect(try modes("kafka-streams") == ["at-least-once", "exactly-once"])
        #expect(try modes("storm") == ["at-least-once", "at-most-once"])
        #expect(try modes("samza") == ["at-least-once"])
        #expect(try modes("flink").contains("at-most-once"))
    }
}
