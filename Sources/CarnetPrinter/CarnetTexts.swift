import CCairo
import Conventions

/// What the office chooses to print on every carnet, checked and measured once before the first
/// page: a text that does not fit is an error at the start, not a clipped line on page 900.
public struct PrintSettings: Sendable {
    /// The lines on each pass that say what it is for and where to use it, when no programme
    /// file lists the partners. A pass is a free voucher for a service, not a purchase voucher.
    public static let defaultNote = Typography.french("Pass gratuit pour une aide au numérique dans une association partenaire. Présentez-le à l'accueil : il sera scanné.")

    public var perCarnet: Int
    /// The batch label, where the carnets are handed out; printed on the stub.
    public var label: String
    public var note: String
    public var fontDirectory: String
    /// Partners, contact and logo: printed instead of the note when given.
    public var programme: Programme?

    public init(perCarnet: Int = 5, label: String = "", note: String = PrintSettings.defaultNote, fontDirectory: String = Fonts.defaultDirectory,
                programme: Programme? = nil) {
        self.perCarnet = perCarnet
        self.label = label
        self.note = note
        self.fontDirectory = fontDirectory
        self.programme = programme
    }
}

/// `PrintSettings` laid out: the fine print cut into lines, the widths every pass reuses.
struct CarnetTexts: Sendable {
    static let noteSize = 9.5
    static let noteMaxLines = 2
    /// The rules of use, on every pass (issue 9 §5).
    static let terms = "Valable une seule fois · non remboursable · sans rendu de monnaie."
    static let copyWarning = Typography.french("Une photocopie utilisée en premier rend ce pass nul : ne le prêtez pas.")

    let settings: PrintSettings
    /// Where to use the pass and whom to ask (the programme file), or the note.
    let noteLines: [String]
    let titleWidth: Double
    let serialLabelWidth: Double
    let logo: Logo?

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
        let note = settings.programme.map(\.whereAndWhom).flatMap { $0.isEmpty ? nil : $0 } ?? settings.note
        let tooLong = settings.programme == nil
            ? "the note does not fit in \(Self.noteMaxLines) lines on a pass (about 150 characters at most)"
            : "the programme's partners and contact do not fit in \(Self.noteMaxLines) lines on a pass (about 150 characters): shorten the addresses, or list the partners on the web page instead"
        noteLines = try Self.wrap(note, width: PassLayout.textColumnWidth, canvas: canvas, tooLong: tooLong)
        for line in [Self.terms, Self.copyWarning] where canvas.width(of: line, size: Self.noteSize, weight: .bold) > PassLayout.textColumnWidth {
            throw PrinterError(.textTooLong, "\"\(line)\" does not fit on a pass")
        }
        logo = try settings.programme?.logo.map { path throws(PrinterError) in try Logo(path: path) }
        titleWidth = canvas.width(of: "PASS NUMÉRIQUE", size: 13, weight: .bold)
        serialLabelWidth = canvas.width(of: Typography.label("N° du pass") + " ", size: 12)
        guard canvas.width(of: Typography.label("Lieu de distribution") + " " + settings.label, size: StubLayout.textSize) <= StubLayout.leftColumnWidth else {
            throw PrinterError(.textTooLong, "the label \"\(settings.label)\" is too long for the stub (keep it under about 35 characters)")
        }
    }

    /// The note in at most `noteMaxLines` lines, or `textTooLong` saying `tooLong`.
    private static func wrap(_ text: String, width: Double, canvas: Canvas, tooLong: String) throws(PrinterError) -> [String] {
        let lines = canvas.wrap(text, width: width, size: noteSize, cutLongWords: false)
        guard lines.count <= noteMaxLines, lines.allSatisfy({ canvas.width(of: $0, size: noteSize) <= width }) else {
            throw PrinterError(.textTooLong, tooLong)
        }
        return lines
    }
}
