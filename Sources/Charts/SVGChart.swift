/// A chart as SVG text, for a web page to include as it is: no script, no style attribute (the
/// pages' Content-Security-Policy refuses inline style; presentation attributes are not style),
/// colours and sizes as attributes the page's CSS may override (`.chart .s0` is the first
/// series). `viewBox` only, so the page sizes it; each bar has a `<title>` tooltip.
public enum SVGChart {
    /// `id` must be unique in the page: the title is referenced by it.
    public static func svg(_ chart: Chart, id: String, layout: ChartLayout = ChartLayout()) -> String {
        let figure = layout.figure(chart)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \#(number(figure.width)) \#(number(figure.height))""#
        out += #" role="img" aria-labelledby="\#(escape(id))-title" font-family="DejaVu Sans, Verdana, sans-serif">"#
        out += #"<title id="\#(escape(id))-title">\#(escape(chart.title))</title>"#
        for rule in figure.rules {
            out += #"<line x1="\#(number(rule.x0))" y1="\#(number(rule.y0))" x2="\#(number(rule.x1))" y2="\#(number(rule.y1))""#
            out += #" stroke="\#(Palette.hex(rule.faint ? Palette.faintRule : Palette.rule))" stroke-width="1"/>"#
        }
        for bar in figure.bars {
            out += #"<rect class="bar s\#(bar.series)" x="\#(number(bar.x))" y="\#(number(bar.y))" width="\#(number(bar.width))""#
            out += #" height="\#(number(bar.height))" fill="\#(Palette.hex(Palette.series(bar.series)))"><title>\#(escape(bar.label))</title></rect>"#
        }
        for text in figure.texts { out += element(text) }
        return out + "</svg>"
    }

    private static func element(_ text: ChartFigure.Text) -> String {
        let anchor = switch text.anchor {
        case .start: ""
        case .middle: #" text-anchor="middle""#
        case .end: #" text-anchor="end""#
        }
        let colour = switch text.tone {
        case .ink: Palette.ink
        case .muted: Palette.muted
        case .onBar: (red: 1.0, green: 1.0, blue: 1.0)
        }
        return #"<text x="\#(number(text.x))" y="\#(number(text.y))" font-size="\#(number(text.size))"\#(anchor)"#
            + (text.bold ? #" font-weight="bold""# : "") + #" fill="\#(Palette.hex(colour))">\#(escape(text.string))</text>"#
    }

    /// "12", "12.5": a tenth of a unit is finer than any screen shows.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10), rest = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        return (tenths < 0 && whole == 0 ? "-" : "") + String(whole) + (rest == 0 ? "" : "." + String(rest))
    }

    /// Text and attribute values, escaped for XML (and HTML).
    public static func escape(_ text: String) -> String {
        text.reduce(into: "") { out, character in
            if let entity = entities[character] { out += entity } else { out.append(character) }
        }
    }

    private static let entities: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
}
