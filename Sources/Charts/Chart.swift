/// A bar chart as the programme's dashboard and evaluation report draw it: categories (months,
/// partners, offices, kinds of help), one bar per category and series, numbers written the
/// French way. It holds words and numbers only; `ChartLayout` places it, `SVGChart` writes it
/// for the web and CarnetPrinter's `ChartDrawing` draws it on paper, from the same marks.
public struct Chart: Sendable, Equatable {
    /// Columns rise from a baseline, categories left to right (months); rows run from a left
    /// axis, categories top to bottom, their names beside them (partners, offices, kinds).
    public enum Orientation: Sendable, Equatable { case columns, rows }

    /// What the values count, and so how they are written.
    public enum Unit: Sendable, Equatable {
        /// Passes, carnets: "1 234".
        case count
        /// Cents, written in euros: "1 234 €", "10,50 €".
        case cents
        /// Days, to a tenth: "8,5 j".
        case days
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per category, in the categories' order; none negative.
        public var values: [Double]

        public init(name: String, values: [Double]) {
            (self.name, self.values) = (name, values)
        }
    }

    /// What the chart shows, in a few words (the SVG's title, for screen readers).
    public var title: String
    public var orientation: Orientation
    public var unit: Unit
    /// Category names; a "\n" puts the rest on a second line (a month's year under it).
    public var categories: [String]
    /// One or more series; with several, each category gets a bar of each, and a legend.
    public var series: [Series]
    /// Said where there is nothing to draw (no category, or every value 0).
    public var emptyText: String
    /// Columns only: each series drawn as a chart of its own, one under the other, under its
    /// name and on its own scale. For amounts of different sizes (hundreds of euros owed each
    /// month beside thousands outstanding), which one scale would make the small ones vanish.
    public var separateScales: Bool

    public init(
        title: String, orientation: Orientation, unit: Unit, categories: [String], series: [Series], emptyText: String,
        separateScales: Bool = false
    ) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "one value per category in every series")
        (self.title, self.orientation, self.unit) = (title, orientation, unit)
        (self.categories, self.series, self.emptyText, self.separateScales) = (categories, series, emptyText, separateScales)
    }

    /// True when nothing would be drawn: no category, or no value above 0.
    public var isEmpty: Bool { !series.contains { $0.values.contains { $0 > 0 } } }

    /// The largest value, the scale's end (at least 1, so an all-zero chart has a scale).
    var largest: Double { largest(of: Array(series.indices)) }

    /// The largest value of some of the series (at least 1).
    func largest(of drawn: [Int]) -> Double { max(1, drawn.flatMap { series[$0].values }.max() ?? 0) }

    /// True when the series are drawn one under the other (`separateScales`, several columns' series).
    var panels: Bool { separateScales && orientation == .columns && series.count > 1 }
}
