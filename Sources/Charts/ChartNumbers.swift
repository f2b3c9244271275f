import Conventions

/// Values as a chart writes them, by unit: French ("1 234", "10,50 €", "8,5 j") or English.
public struct ChartNumbers: Sendable, Equatable {
    public let french: Bool

    public static let fr = ChartNumbers(french: true)
    public static let en = ChartNumbers(french: false)

    public init(french: Bool) { self.french = french }

    public func text(_ value: Double, _ unit: Chart.Unit) -> String {
        switch unit {
        case .count: count(Int64(value.rounded()))
        case .cents: euros(Int64(value.rounded()))
        case .days: days(value)
        }
    }

    /// "1 234" (a narrow no-break space between thousands) or "1,234".
    public func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + Typography.grouped(digits, separator: french ? Typography.narrowNoBreakSpace : ",")
    }

    /// "1 234 €", "10,50 €" as on a printed pass (no cents when there are none); English "1,234.50 €".
    public func euros(_ cents: Int64) -> String {
        let value = cents.magnitude
        if french { return (cents < 0 ? "-" : "") + Euros.onPaper(value) }
        let whole = count(Int64(value / 100)), rest = value % 100
        return (cents < 0 ? "-" : "") + whole + (rest == 0 ? "" : "." + (rest < 10 ? "0" : "") + String(rest)) + " €"
    }

    /// "8,5 j" or "8.5 d": a tenth of a day at most, no ".0".
    public func days(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let whole = count(tenths / 10), rest = tenths % 10
        let number = rest == 0 ? whole : whole + (french ? "," : ".") + String(rest.magnitude)
        return number + (french ? Typography.noBreakSpace + "j" : " d")
    }
}
