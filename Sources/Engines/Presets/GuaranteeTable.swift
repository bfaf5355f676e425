/// The engine catalog's guarantees as text: which modes each system offers
/// (a Markdown table, so the README and lesson 07 can show the very output),
/// and for each offered mode the configuration and the source.
public enum GuaranteeTable {
    public static func markdown(_ presets: [Preset] = PresetRegistry.all) -> String {
        var text = "| system | " + Guarantee.allCases.map(\.rawValue).joined(separator: " | ") + " |\n"
        text += "|---|" + String(repeating: "---|", count: Guarantee.allCases.count) + "\n"
        for preset in presets {
            let cells = Guarantee.allCases.map { guarantee -> String in
                guard preset.offering(guarantee) != nil else { return "no" }
                return preset.guarantees[0].guarantee == guarantee ? "yes (default)" : "yes"
            }
            text += "| \(preset.name) | " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }

    /// One line per offered mode: `system mode: configuration [source]`.
    public static func configurations(_ presets: [Preset] = PresetRegistry.all) -> String {
        presets.flatMap { preset in
            preset.guarantees.map { "- \(preset.name) \($0.guarantee.rawValue): \($0.configuration) [\($0.source)]\n" }
        }.joined()
    }
}
