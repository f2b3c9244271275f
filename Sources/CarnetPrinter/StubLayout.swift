import Conventions
import PassVerifier

/// The stub at the top of each page: what the office keeps when it hands a carnet out. It names
/// the carnet, its serials, the place and the expiry, carries the carnet's own code (scanned at
/// hand-over, `passnum handout`) and leaves lines for the date and the office's initials. It has
/// no line for the person's name, by design: nothing about the people who receive carnets is
/// written down anywhere (README, SECURITY.md).
struct StubLayout {
    static let height = 45.0
    static let textSize = 11.5
    static let left = PassLayout.left
    static let rightColumn = 128.0
    static let leftColumnWidth = rightColumn - 6 - left

    let texts: CarnetTexts

    func draw(_ carnet: Carnet, on canvas: Canvas) {
        let first = carnet.first, last = carnet.last
        canvas.text("TALON — à garder par le service, ne pas remettre", x: Self.left, baseline: 11, size: 12, weight: .bold)
        canvas.text("Carnet n° \(FrenchText.carnetNumber(carnet.number))", x: Self.left, baseline: 20, size: 18, weight: .bold)
        let count = carnet.passes.count
        canvas.text("\(count) pass de \(FrenchText.euros(first.value)) · valables jusqu'au \(FrenchText.lastValidDay(expiry: first.token.payload.expiry))",
                    x: Self.left, baseline: 27, size: Self.textSize)
        canvas.text("Pass n° \(PassNumber(keyID: first.kid, serial: first.serial)) à \(PassNumber(keyID: last.kid, serial: last.serial))", x: Self.left, baseline: 33, size: Self.textSize)
        let label = texts.settings.label
        canvas.text(Typography.label("Lieu de distribution") + " " + label, x: Self.left, baseline: 39, size: Self.textSize)
        if label.isEmpty {
            canvas.solidLine(fromX: Self.left + canvas.width(of: Typography.label("Lieu de distribution") + " ", size: Self.textSize), toX: Self.rightColumn - 8, y: 39.5)
        }
        drawHandwritingLines(on: canvas)
        canvas.qr(carnet.stubQR, x: Self.codeLeft, y: Self.codeTop, module: Self.codeModule)
        canvas.text("à scanner à la remise", x: Self.codeLeft - 1, baseline: Self.codeTop + Double(carnet.stubQR.width) * Self.codeModule + 4, size: 6.5)
    }

    /// The stub code's place: 1 mm modules at the right edge (version 1 is 21 modules; its
    /// quiet zone of 4 stays inside the stub and clear of the text).
    static let codeModule = 1.0
    static let codeTop = 12.0
    static let codeLeft = PassLayout.right - 21 * codeModule

    /// Lines for the office to write on when the carnet is handed out: when, and who at the
    /// office (never the person receiving it).
    private func drawHandwritingLines(on canvas: Canvas) {
        let fields = [(Typography.label("Remis le"), 22.0), (Typography.label("Visa"), 33.0)]
        for (label, baseline) in fields {
            canvas.text(label, x: Self.rightColumn, baseline: baseline, size: Self.textSize)
            let x = Self.rightColumn + canvas.width(of: label, size: Self.textSize) + 2
            canvas.solidLine(fromX: x, toX: Self.codeLeft - Double(QRCode.quietZone) * Self.codeModule, y: baseline + 0.5)
        }
    }
}

/// One A4 page per carnet: the stub, then the passes, 50 mm each, separated by dashed cut lines
/// marked with scissors. Nothing but the cut lines crosses a boundary between pieces.
struct PageLayout {
    static let width = 210.0
    static let height = 297.0

    let pass: PassLayout
    let stub: StubLayout

    init(texts: CarnetTexts) {
        pass = PassLayout(texts: texts)
        stub = StubLayout(texts: texts)
    }

    /// The top of the `index`-th pass (0-based).
    static func passTop(_ index: Int) -> Double {
        StubLayout.height + PassLayout.height * Double(index)
    }

    func draw(_ carnet: Carnet, on canvas: Canvas) {
        stub.draw(carnet, on: canvas)
        for (index, printable) in carnet.passes.enumerated() {
            let top = Self.passTop(index)
            cutLine(at: top, on: canvas)
            pass.draw(printable, position: index + 1, of: carnet, on: canvas, top: top, withCode: false)
        }
        // One image per page for all its codes: cairo's PDF surface keeps a small record of
        // every image until the document ends, so five images a page made memory grow five
        // times faster (and each image costs a PDF object header).
        let codes = carnet.passes.map(\.code)
        let origin = PassLayout.codeOrigin(codes[0], top: Self.passTop(0))
        canvas.qrColumn(codes, x: origin.x, y: origin.y, pitch: PassLayout.modulesPerPass, module: PassLayout.module)
    }

    private func cutLine(at y: Double, on canvas: Canvas) {
        canvas.text("✂", x: 2, baseline: y + 1.6, size: 13)
        canvas.dashedLine(fromX: 8, toX: Self.width - 2, y: y)
    }
}
