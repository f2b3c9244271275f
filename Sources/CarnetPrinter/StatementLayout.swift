import Conventions

/// A statement cut into blocks (a heading, a table row, a wrapped conflict, the signatures) and
/// the blocks placed on pages. Pages are settled before anything is drawn, so every footer can
/// say "Page 2 / 3".
struct StatementLayout {
    /// A piece of the statement that is never split across pages.
    struct Block {
        var height: Double
        /// Drawn first on a new page when this block has to start one (a table's column titles).
        var header: [Block] = []
        /// Moves to the next page with the block after it rather than be left alone at the bottom.
        var keepWithNext = false
        let draw: (Canvas, _ top: Double) -> Void
    }

    static let width = 210.0, height = 297.0  // A4, millimetres
    static let margin = 18.0
    static let bottom = height - 20
    static var right: Double { width - margin }
    static var contentWidth: Double { width - 2 * margin }

    let statement: Statement
    let canvas: Canvas

    /// The blocks, in order, of the whole statement.
    func blocks() -> [Block] {
        var blocks = heading()
        for section in statement.sections { blocks += table(section) }
        blocks += totals()
        blocks += conflicts()
        blocks.append(signatures())
        return blocks
    }

    /// Each page's blocks with their tops.
    static func paginate(_ blocks: [Block]) -> [[(block: Block, top: Double)]] {
        var pages: [[(block: Block, top: Double)]] = [[]]
        var y = margin
        for (index, block) in blocks.enumerated() {
            let next = block.keepWithNext && index + 1 < blocks.count ? blocks[index + 1].height : 0
            if y + block.height + next > bottom, !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = margin
                for header in block.header {
                    pages[pages.count - 1].append((header, y))
                    y += header.height
                }
            }
            pages[pages.count - 1].append((block, y))
            y += block.height
        }
        return pages
    }

    // MARK: The parts

    private func heading() -> [Block] {
        let t = statement.texts
        var blocks = [text(statement.title, size: 16, weight: .bold, after: 3)]
        var facts = [(t.issuer, statement.issuer)]
        if let partner = statement.partner { facts.append((t.partner, partner)) }
        facts.append((t.period, t.periodText(from: statement.from, to: statement.to)))
        facts.append((t.generated, Paris.dayAndTime(statement.generatedAt)))
        for (label, value) in facts { blocks += wrapped(t.label(label) + value, size: 10.5, indent: 0) }
        blocks.append(space(5))
        return blocks
    }

    private func table(_ section: Statement.Section) -> [Block] {
        let t = statement.texts
        var blocks: [Block] = []
        if statement.partner == nil {
            blocks.append(text(section.partner, size: 12, weight: .bold, after: 1, keepWithNext: true))
        }
        let header = columnTitles()
        blocks.append(header)
        for (index, line) in section.lines.enumerated() {
            blocks.append(Block(height: 5.2, header: [header]) { canvas, top in
                if index % 2 == 1 { canvas.fill(x: Self.margin, y: top, width: Self.contentWidth, height: 5.2, grey: 0.93) }
                let baseline = top + 3.8
                canvas.text(line.passNumber, x: Self.margin + 2, baseline: baseline, size: 9.5)
                canvas.text(Paris.dayAndTime(line.redeemedAt), x: Self.margin + 62, baseline: baseline, size: 9.5)
                canvas.textRight(t.amount(line.valueCents), right: Self.right - 2, baseline: baseline, size: 9.5)
            })
        }
        if section.lines.isEmpty { blocks += wrapped(t.noPasses, size: 9.5, indent: 2) }
        // A partner's statement has one section: its subtotal is the total.
        let subtotal = t.label(statement.partner == nil ? "\(t.subtotal) \(section.partner)" : t.total)
            + "\(t.passes(section.lines.count)), \(t.amount(section.totalCents))"
        blocks.append(rule())
        blocks += wrapped(subtotal, size: statement.partner == nil ? 10 : 12, weight: .bold, indent: 2)
        blocks.append(space(5))
        return blocks
    }

    private func columnTitles() -> Block {
        let t = statement.texts
        return Block(height: 6.5) { canvas, top in
            let baseline = top + 4.4
            canvas.text(t.passNumber, x: Self.margin + 2, baseline: baseline, size: 9, weight: .bold)
            canvas.text(t.redeemedOn + " (\(t.parisTime))", x: Self.margin + 62, baseline: baseline, size: 9, weight: .bold)
            canvas.textRight(t.value, right: Self.right - 2, baseline: baseline, size: 9, weight: .bold)
            canvas.solidLine(fromX: Self.margin, toX: Self.right, y: top + 6)
        }
    }

    private func totals() -> [Block] {
        let t = statement.texts
        guard statement.partner == nil else { return [] }
        var blocks: [Block] = []
        if statement.sections.isEmpty { blocks += wrapped(t.noPasses, size: 10, indent: 0) }
        blocks += wrapped(t.label(t.total) + "\(t.passes(statement.count)), \(t.amount(statement.totalCents))", size: 12, weight: .bold, indent: 0)
        blocks.append(space(5))
        return blocks
    }

    private func conflicts() -> [Block] {
        guard !statement.conflicts.isEmpty else { return [] }
        let t = statement.texts
        var blocks = [text(t.label(t.conflicts) + String(statement.conflicts.count), size: 12, weight: .bold, after: 1, keepWithNext: true)]
        for conflict in statement.conflicts {
            blocks += wrapped("• " + conflict, size: 9, indent: 2, hanging: 3)
            blocks.append(space(1.5))
        }
        blocks.append(space(4))
        return blocks
    }

    /// Boxes to sign: the issuer's, and the partner's on a partner's statement.
    private func signatures() -> Block {
        let t = statement.texts
        let parties = statement.partner == nil ? [t.forIssuer] : [t.forIssuer, t.forPartner]
        return Block(height: 38) { canvas, top in
            let gap = 8.0, boxWidth = (Self.contentWidth - gap) / 2
            for (index, party) in parties.enumerated() {
                let x = Self.margin + Double(index) * (boxWidth + gap)
                canvas.rectangle(x: x, y: top + 4, width: boxWidth, height: 30)
                canvas.text(party, x: x + 3, baseline: top + 9.5, size: 10, weight: .bold)
                canvas.text(t.signatureNote, x: x + 3, baseline: top + 31.5, size: 8)
            }
        }
    }

    // MARK: Small blocks

    private func text(_ string: String, size: Double, weight: Canvas.Weight = .regular, after: Double = 0, keepWithNext: Bool = false) -> Block {
        let lineHeight = size * 0.3528 * 1.35  // points to millimetres, with leading
        return Block(height: lineHeight + after, keepWithNext: keepWithNext) { canvas, top in
            canvas.text(string, x: Self.margin, baseline: top + lineHeight * 0.78, size: size, weight: weight)
        }
    }

    /// The text wrapped to the margins, one block a line so a long paragraph may continue on
    /// the next page; `hanging` indents the lines after the first (under a bullet).
    private func wrapped(_ string: String, size: Double, weight: Canvas.Weight = .regular, indent: Double, hanging: Double = 0) -> [Block] {
        let lineHeight = size * 0.3528 * 1.35
        let lines = canvas.wrap(string, width: Self.contentWidth - indent - hanging, size: size, weight: weight)
        return lines.enumerated().map { index, line in
            let x = Self.margin + indent + (index == 0 ? 0 : hanging)
            return Block(height: lineHeight, keepWithNext: index + 1 < lines.count) { canvas, top in
                canvas.text(line, x: x, baseline: top + lineHeight * 0.78, size: size, weight: weight)
            }
        }
    }

    private func rule() -> Block {
        Block(height: 1.5) { canvas, top in canvas.solidLine(fromX: Self.margin, toX: Self.right, y: top + 0.5) }
    }

    private func space(_ height: Double) -> Block {
        Block(height: height) { _, _ in }
    }
}
