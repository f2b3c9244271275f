/// A chart placed: what to draw, in the figure's own units (the SVG's viewBox; CarnetPrinter
/// scales them to millimetres). Both renderers draw exactly these marks, in this order: rules,
/// bars, then texts.
public struct ChartFigure: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public let x, y, width, height: Double
        /// Which series: its colour in `Palette`.
        public let series: Int
        /// What it stands for, in words ("PiNG : 12"), for a tooltip or a screen reader.
        public let label: String
    }

    public enum Anchor: Sendable, Equatable { case start, middle, end }

    /// Ink for names, muted for values and notes, white on a bar.
    public enum Tone: Sendable, Equatable { case ink, muted, onBar }

    /// A line of text; `y` is its baseline.
    public struct Text: Sendable, Equatable {
        public let x, y: Double, string: String, size: Double
        public let anchor: Anchor, bold: Bool, tone: Tone
    }

    /// An axis or baseline, one unit wide; `faint`, a line across the chart at a value of its
    /// axis (light, so the values written over it stay readable).
    public struct Rule: Sendable, Equatable {
        public let x0, y0, x1, y1: Double
        public var faint = false
    }

    public let width: Double
    public internal(set) var height: Double
    public internal(set) var rules: [Rule] = []
    public internal(set) var bars: [Bar] = []
    public internal(set) var texts: [Text] = []

    init(width: Double, height: Double) {
        (self.width, self.height) = (width, height)
    }

    mutating func text(_ string: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, bold: Bool = false, tone: Tone = .ink) {
        texts.append(Text(x: x, y: y, string: string, size: size, anchor: anchor, bold: bold, tone: tone))
    }
}

/// The series' colours: dark enough for white text on them and for black-and-white printing
/// to tell the first two apart; colour-blind safe in order (blue, orange, then the others).
public enum Palette {
    public static let series: [(red: Double, green: Double, blue: Double)] = [
        (0.12, 0.37, 0.60), (0.72, 0.38, 0.00), (0.18, 0.49, 0.20), (0.42, 0.24, 0.60), (0.60, 0.16, 0.16),
    ]
    public static let ink = (red: 0.10, green: 0.10, blue: 0.10)
    public static let muted = (red: 0.33, green: 0.33, blue: 0.33)
    public static let rule = (red: 0.55, green: 0.55, blue: 0.55)
    public static let faintRule = (red: 0.85, green: 0.85, blue: 0.85)

    public static func series(_ index: Int) -> (red: Double, green: Double, blue: Double) { series[index % series.count] }

    /// "#1f5f99".
    public static func hex(_ colour: (red: Double, green: Double, blue: Double)) -> String {
        "#" + [colour.red, colour.green, colour.blue].map { component in
            let byte = Int((component * 255).rounded())
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
