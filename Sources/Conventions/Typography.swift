/// French typography, as the programme's paper and messages write it.
public enum Typography {
    /// Before ":" and "€" in French, so neither is ever left alone at the start of a line.
    public static let noBreakSpace = "\u{00A0}"
    /// Between groups of thousands: "1 234 567".
    public static let narrowNoBreakSpace = "\u{202F}"

    /// "N° du pass :": a French label, with the no-break space French puts before a colon.
    public static func label(_ word: String) -> String {
        word + noBreakSpace + ":"
    }

    /// French text set as French typography wants it: the spaces typed before ":" become a
    /// no-break space, those before ";", "?" and "!" a narrow one, so a line never breaks
    /// between a word and its sign.
    public static func french(_ text: String) -> String {
        text.replacingOccurrences(of: " :", with: noBreakSpace + ":").replacingOccurrences(of: " ;", with: narrowNoBreakSpace + ";")
            .replacingOccurrences(of: " ?", with: narrowNoBreakSpace + "?").replacingOccurrences(of: " !", with: narrowNoBreakSpace + "!")
    }

    /// "1 234 567": decimal digits grouped by three from the right.
    public static func grouped(_ digits: String, separator: String = narrowNoBreakSpace) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}
