/// A part of the programme's report as both the dashboard and the printed evaluation report
/// show it: a heading, a few sentences, a chart and a table of the same figures. Made once from
/// the report (`ProgrammeSections`), then written as HTML or drawn on A4.
public struct ReportSection: Sendable, Equatable {
    /// For the page's anchors and the charts' ids: "funnel", "months"…
    public var id: String
    public var title: String
    public var paragraphs: [String]
    public var chart: Chart?
    public var table: ReportTable?

    public init(id: String, title: String, paragraphs: [String] = [], chart: Chart? = nil, table: ReportTable? = nil) {
        (self.id, self.title, self.paragraphs, self.chart, self.table) = (id, title, paragraphs, chart, table)
    }
}

/// Figures in rows and columns; numbers are already written (French or English).
public struct ReportTable: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var title: String
        /// Numbers are right-aligned, names left.
        public var numeric: Bool

        public init(_ title: String, numeric: Bool = true) { (self.title, self.numeric) = (title, numeric) }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A last row set apart (bold): the totals.
    public var total: [String]?
    /// Said instead of an empty table.
    public var emptyText: String

    public init(columns: [Column], rows: [[String]], total: [String]? = nil, emptyText: String) {
        precondition(rows.allSatisfy { $0.count == columns.count } && (total?.count ?? columns.count) == columns.count)
        (self.columns, self.rows, self.total, self.emptyText) = (columns, rows, total, emptyText)
    }
}
