/// Left-aligned text columns for the CLI's tables (`compare`, `lambda`):
/// each column as wide as its widest cell, two spaces between columns, the
/// last column unpadded, one line per row.
public enum TextColumns {
    public static func align(_ lines: [[String]]) -> String {
        var widths = Array(repeating: 0, count: lines[0].count)
        for line in lines { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return lines.map { line in
            line.enumerated().map { index, cell in
                index == line.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
