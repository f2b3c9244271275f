import CCairo

extension Canvas {
    /// Greedy word wrap at plain spaces into lines no wider than `width` millimetres. A
    /// no-break space keeps "accueil :" together, as French wants; a word wider than a line
    /// (a long name with no space) is cut where it must be when `cutLongWords`, else left whole.
    func wrap(_ text: String, width: Double, size: Double, weight: Weight = .regular, cutLongWords: Bool = true) -> [String] {
        var lines: [String] = []
        var current = ""
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        for word in flat.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if self.width(of: candidate, size: size, weight: weight) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
            while cutLongWords, current.count > 1, self.width(of: current, size: size, weight: weight) > width {
                var head = current
                while head.count > 1, self.width(of: head, size: size, weight: weight) > width { head.removeLast() }
                lines.append(head)
                current.removeFirst(head.count)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Draws the text so that it ends at `right`.
    func textRight(_ string: String, right: Double, baseline: Double, size: Double, weight: Weight = .regular) {
        text(string, x: right - width(of: string, size: size, weight: weight), baseline: baseline, size: size, weight: weight)
    }

    /// A grey rectangle behind a line (0 black, 1 white).
    func fill(x: Double, y: Double, width: Double, height: Double, grey: Double) {
        cairo_save(cairo)
        cairo_set_source_rgb(cairo, grey, grey, grey)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
        cairo_restore(cairo)
    }

    func rectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_set_line_width(cairo, 0.3)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_stroke(cairo)
    }
}
