/// Text widths estimated from DejaVu Sans's advances (the font both the print and, where it
/// is installed, the browser use), so a layout can be made before any renderer measures: names
/// are cut to their column and value labels kept off each other. The estimate errs wide.
enum TextMeasure {
    static func width(_ text: String, size: Double) -> Double {
        text.reduce(0) { $0 + advance($1) } * size
    }

    /// The text, cut with "…" when wider than `width`.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard self.width(text, size: size) > width else { return text }
        var cut = text
        while !cut.isEmpty, self.width(cut + "…", size: size) > width { cut.removeLast() }
        return cut.trimmingTrailingSpaces + "…"
    }

    /// Ems, rounded up from DejaVu Sans's metrics.
    private static func advance(_ character: Character) -> Double {
        if character.isNumber { return 0.64 }
        if " \u{00A0}\u{202F}.,:;'!|".contains(character) { return 0.34 }
        if "ijlfrtI".contains(character) { return 0.40 }
        if "mwMW".contains(character) { return 0.98 }
        if character.isUppercase { return 0.74 }
        return 0.62
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
