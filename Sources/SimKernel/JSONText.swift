/// JSON string escaping, in one place for every writer StreamLab has
/// (datasets, replay output, grader results). Pure text, no I/O.
///
/// Escapes exactly what RFC 8259 requires (quote, backslash, control
/// characters), with the short forms for \n, \r and \t and lowercase `\u00XX`
/// for the other controls; everything else is written as is (UTF-8), so the
/// output is byte-stable across platforms.
public enum JSONText {
    /// The text's characters escaped for use inside a JSON string literal.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A complete JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String { "\"" + escape(text) + "\"" }
}
