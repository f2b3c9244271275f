import Conventions

/// A statement cut into blocks (a heading, a table row, a wrapped conflict, the signatures),
/// which `PageFlow` places on pages.
struct StatementLayout {
    typealias Block = PageFlow.Block

    static let margin = PageFlow.margin
    static var right: Double { PageFlow.right }
    static var contentWidth: Double { PageFlow.contentWidth }

    let statement: Statement
    let flow: PageFlow

    /// The blocks, in order, of the whole statement.
    func blocks() -> [Block] {
        var blocks = heading()
        for section in statement.sections { blocks += table(section) }
        blocks += totals()
        blocks += conflicts()
        blocks.append(signatures())
        return blocks
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
        flow.text(string, size: size, weight: weight, after: after, keepWithNext: keepWithNext)
    }

    private func wrapped(_ string: String, size: Double, weight: Canvas.Weight = .regular, indent: Double, hanging: Double = 0) -> [Block] {
        flow.wrapped(string, size: size, weight: weight, indent: indent, hanging: hanging)
    }

    private func rule() -> Block { flow.rule() }

    private func space(_ height: Double) -> Block { flow.space(height) }
}
