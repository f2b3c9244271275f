import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG the dashboard serves: well-formed XML, one `<rect>` per value with its words, sizes
/// in proportion to the values, French numbers, nothing a strict Content-Security-Policy refuses.
@Suite struct SVGChartTests {
    static let months = Chart(
        title: "Pass utilisés par mois", orientation: .columns, unit: .count,
        categories: ["sept.\n2026", "oct.", "nov."], series: [.init(name: "Pass", values: [120, 0, 1234])],
        emptyText: "Aucun pass utilisé")

    static let partners = Chart(
        title: "Montant dû par partenaire", orientation: .rows, unit: .cents,
        categories: ["PiNG", "Secours <populaire> & \"co\""],
        series: [.init(name: "Novembre", values: [125_050, 20_000]), .init(name: "Décembre", values: [0, 40_000])],
        emptyText: "Rien")

    @Test func theSVGParsesAndHoldsOneBarPerValueWithItsWords() throws {
        let svg = SVGChart.svg(Self.partners, id: "owed")
        let parsed = try SVGDocument(svg)
        #expect(parsed.root == "svg" && parsed.attributes(of: "svg").first?["viewBox"]?.hasPrefix("0 0 440 ") == true)
        #expect(parsed.texts(of: "title").first == "Montant dû par partenaire")
        let bars = parsed.attributes(of: "rect").filter { $0["class"]?.hasPrefix("bar ") == true }
        #expect(bars.count == 2 + 4, "a legend swatch per series, then a bar per category and series")
        let tooltips = parsed.texts(of: "title").dropFirst()
        #expect(tooltips.contains("PiNG — Novembre\u{00A0}: 1\u{202F}250,50\u{00A0}€"), "\(tooltips)")
        #expect(tooltips.contains("Secours <populaire> & \"co\" — Décembre\u{00A0}: 400\u{00A0}€"), "escaped, then read back whole")
        // Category by category, series by series: PiNG's November and December, then Secours's.
        let widths = bars.suffix(4).map { Double($0["width"]!)! }
        #expect(widths[1] == 0 && widths[3] > 0, "\(widths)")
        #expect(abs(widths[0] / widths[2] - 125_050.0 / 20_000) < 0.01, "lengths in proportion to the values: \(widths)")
        #expect(!svg.contains("style=") && !svg.contains("<script") && !svg.contains("href"), "nothing the CSP refuses, no link out")
    }

    @Test func columnsRiseFromOneBaselineInProportionWithTheirValuesWritten() throws {
        let parsed = try SVGDocument(SVGChart.svg(Self.months, id: "months"))
        let bars = parsed.attributes(of: "rect").map { (y: Double($0["y"]!)!, height: Double($0["height"]!)!) }
        #expect(bars.count == 3)
        let baselines = Set(bars.map { ($0.y + $0.height).rounded() })
        #expect(baselines.count == 1, "\(bars)")
        #expect(abs(bars[0].height / bars[2].height - 120.0 / 1234) < 0.01 && bars[1].height == 0)
        let texts = parsed.texts(of: "text")
        #expect(texts.contains("1\u{202F}234") && texts.contains("120") && texts.contains("0"), "\(texts)")
        #expect(texts.contains("sept.") && texts.contains("2026") && texts.contains("nov."), "month names, the year under the first")
    }

    @Test func anEmptyChartSaysSo() throws {
        let empty = Chart(title: "Aides", orientation: .rows, unit: .count, categories: ["cv"], series: [.init(name: "n", values: [0])],
                          emptyText: "Aucune aide enregistrée")
        let parsed = try SVGDocument(SVGChart.svg(empty, id: "help"))
        #expect(parsed.attributes(of: "rect").isEmpty && parsed.texts(of: "text") == ["Aucune aide enregistrée"])
    }

    @Test func longNamesAreCutToTheirColumnAndManyMonthsThinOutTheirLabels() throws {
        let names = Chart(title: "t", orientation: .rows, unit: .count,
                          categories: [String(repeating: "Association très longue ", count: 6)], series: [.init(name: "n", values: [3])],
                          emptyText: "")
        let name = try #require(try SVGDocument(SVGChart.svg(names, id: "a")).texts(of: "text").first)
        #expect(name.hasSuffix("…") && name.count < 40, "\(name)")
        let year = (1...24).map { "m\($0)" }
        let many = Chart(title: "t", orientation: .columns, unit: .count, categories: year, series: [.init(name: "n", values: year.map { _ in 5 })],
                         emptyText: "")
        let labels = try SVGDocument(SVGChart.svg(many, id: "b")).texts(of: "text").filter { $0.hasPrefix("m") }
        #expect(labels.count < 24 && labels.first == "m1", "\(labels)")
    }

    @Test func numbersAreWrittenTheFrenchWay() {
        #expect(ChartNumbers.fr.text(1_234_567, .count) == "1\u{202F}234\u{202F}567")
        #expect(ChartNumbers.fr.text(1050, .cents) == "10,50\u{00A0}€" && ChartNumbers.fr.text(100_000, .cents) == "1\u{202F}000\u{00A0}€")
        #expect(ChartNumbers.fr.text(8.5, .days) == "8,5\u{00A0}j" && ChartNumbers.fr.text(12, .days) == "12\u{00A0}j")
        #expect(ChartNumbers.en.text(123_456, .cents) == "1,234.56 €" && ChartNumbers.en.text(8.25, .days) == "8.3 d")
    }
}

/// The elements of an XML document as Foundation's parser reads them: a document that is not
/// well-formed throws.
struct SVGDocument {
    private(set) var root = ""
    private var elements: [(name: String, attributes: [String: String], text: String)] = []

    init(_ text: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        elements = delegate.elements
        root = elements.first?.name ?? ""
    }

    func attributes(of name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
    func texts(of name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            open.append(elements.count)
            elements.append((name, attributes, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = open.last { elements[last].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}
