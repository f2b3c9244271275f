import CCairo

/// What the office chooses to print on every carnet, checked and measured once before the first
/// page: a text that does not fit is an error at the start, not a clipped line on page 900.
public struct PrintSettings: Sendable {
    /// The line on each pass that says what it is for and where to use it.
    public static let defaultNote = "Bon d'achat à utiliser une seule fois dans une association partenaire. Présentez-le à l'accueil\u{00A0}: il sera scanné."

    public var perCarnet: Int
    /// The batch label, where the carnets are handed out; printed on the stub.
    public var label: String
    public var note: String
    public var fontDirectory: String

    public init(perCarnet: Int = 5, label: String = "", note: String = PrintSettings.defaultNote, fontDirectory: String = Fonts.defaultDirectory) {
        self.perCarnet = perCarnet
        self.label = label
        self.note = note
        self.fontDirectory = fontDirectory
    }
}

/// `PrintSettings` laid out: the note cut into lines, the widths every pass reuses.
struct CarnetTexts: Sendable {
    static let noteSize = 10.5
    static let noteMaxLines = 2

    let settings: PrintSettings
    let noteLines: [String]
    let titleWidth: Double
    let serialLabelWidth: Double

    init(settings: PrintSettings, fonts: Fonts) throws(PrinterError) {
        // One A4 page per carnet: the stub and five 50 mm passes fill it.
        guard (1...5).contains(settings.perCarnet) else {
            throw PrinterError(.invalidSetting, "a carnet holds 1 to 5 passes (one A4 page), not \(settings.perCarnet)")
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)!
        let cairo = cairo_create(surface)!
        defer {
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
        }
        let canvas = Canvas(cairo: cairo, fonts: fonts, pixelsPerMillimetre: nil)
        self.settings = settings
        noteLines = try Self.wrap(settings.note, width: PassLayout.textColumnWidth, canvas: canvas)
        titleWidth = canvas.width(of: "PASS NUMÉRIQUE", size: 13, weight: .bold)
        serialLabelWidth = canvas.width(of: "N° du pass\u{00A0}: ", size: 12)
        guard canvas.width(of: "Lieu de distribution\u{00A0}: " + settings.label, size: StubLayout.textSize) <= StubLayout.leftColumnWidth else {
            throw PrinterError(.textTooLong, "the label \"\(settings.label)\" is too long for the stub (keep it under about 35 characters)")
        }
    }

    /// The note in at most `noteMaxLines` lines, or `textTooLong`.
    private static func wrap(_ text: String, width: Double, canvas: Canvas) throws(PrinterError) -> [String] {
        let lines = canvas.wrap(text, width: width, size: noteSize, cutLongWords: false)
        guard lines.count <= noteMaxLines, lines.allSatisfy({ canvas.width(of: $0, size: noteSize) <= width }) else {
            throw PrinterError(.textTooLong, "the note does not fit in \(noteMaxLines) lines on a pass (about 130 characters at most)")
        }
        return lines
    }
}
