/// Amounts in euros, one form per reader. Amounts are in cents everywhere else.
public enum Euros {
    /// "10 €", "10,50 €", "1 234 567 €" on a printed pass: no decimals when there are no cents,
    /// thousands grouped by a narrow no-break space, a no-break space keeping "€" with its number.
    public static func onPaper(_ cents: UInt64) -> String {
        let rest = cents % 100
        let whole = Typography.grouped(String(cents / 100))
        return (rest == 0 ? whole : whole + "," + twoDigits(rest)) + Typography.noBreakSpace + "€"
    }

    /// "1 234,50 €" in French, "1234.50 €" in English: always two decimals, as accounts (the
    /// monthly statement) are read.
    public static func inAccounts(_ cents: Int64, french: Bool) -> String {
        let sign = cents < 0 ? "-" : "", magnitude = cents.magnitude
        let whole = String(magnitude / 100)
        let number = french ? Typography.grouped(whole) + "," : whole + "."
        return sign + number + twoDigits(magnitude % 100) + Typography.noBreakSpace + "€"
    }

    /// "10,00 €": French text on a terminal.
    public static func french(_ cents: UInt64) -> String {
        "\(cents / 100),\(twoDigits(cents % 100)) €"
    }

    /// "10.00 €": English text on a terminal.
    public static func english(_ cents: Int64) -> String {
        machine(cents) + " €"
    }

    /// "10,50": a number French spreadsheets read, no thousands separator, no currency sign.
    public static func spreadsheet(_ cents: UInt64) -> String {
        "\(cents / 100),\(twoDigits(cents % 100))"
    }

    /// "12.50": euros with a decimal point, no sign, for machines.
    public static func machine(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        return sign + "\(cents.magnitude / 100).\(twoDigits(cents.magnitude % 100))"
    }

    private static func twoDigits(_ value: UInt64) -> String {
        (value < 10 ? "0" : "") + String(value)
    }
}
