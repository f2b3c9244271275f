import ArgumentParser
import CarnetPrinter
import Foundation
import PassIssuer
import PassVerifier

/// Options shared by `passnum print` and `passnum issue --pdf`.
struct PrintOptions: ParsableArguments {
    @Option(help: "The lines on each pass saying what it is for, when no programme file lists the partners (French).")
    var note: String = PrintSettings.defaultNote

    @Option(help: "The programme file: partners, contact and logo printed on each pass (default: programme.json beside the trust list, if there is one).")
    var programme: String?

    @Option(help: "Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core).")
    var fonts: String = Fonts.defaultDirectory

    /// The settings, with the programme file named or found beside `trustList`.
    func settings(perCarnet: Int, label: String, trustList: String) throws -> PrintSettings {
        let beside = URL(fileURLWithPath: trustList).deletingLastPathComponent().appendingPathComponent("programme.json").path
        let path = programme ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil)
        let loaded = try path.map { path throws in
            try Programme(json: AtomicFile.read(path), folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        return PrintSettings(perCarnet: perCarnet, label: label, note: note, fontDirectory: fonts, programme: loaded)
    }
}

struct Print: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print carnets: a PDF with one A4 page per carnet, or one PNG per pass.",
        discussion: """
            Every token is verified first; one that does not verify stops the run with its \
            reason and nothing is written. Outputs appear under their name only when complete. \
            Examples:
              passnum print --tokens tokens.txt --trust-list Keys/trustlist.json --out carnets.pdf
              passnum print --tokens tokens.txt --png passes/ --dpi 300
            """
    )

    @Option(help: "Tokens, one per line, as written by `passnum issue` (- for standard input).")
    var tokens: String

    @OptionGroup var trustList: TrustListOption

    @Option(help: "The PDF to write.")
    var out: String?

    @Option(help: "A folder to create with one PNG per pass, named by serial.")
    var png: String?

    @Option(help: "Resolution of the PNGs (a pass is 190 × 50 mm).")
    var dpi: Int = 300

    @Option(help: "Passes per carnet (1 to 5: one A4 page each).")
    var perCarnet: Int = 5

    @Option(help: "Where the carnets are handed out, printed on each carnet's stub (default: the label given to `issue` for the batch, from the key's ledger).")
    var label: String?

    @Option(help: "The issuance ledger the batch's label is read from (default: issuance.sqlite beside the trust list).")
    var ledger: String?

    @OptionGroup var options: PrintOptions

    @Option(help: "Split the PDF into files of at most this many carnets (NAME-0001.pdf, …): memory then stays flat for any count.")
    var carnetsPerFile: Int?

    @Flag(help: "Replace the output if it exists.")
    var force = false

    func validate() throws {
        guard (out == nil) != (png == nil) else { throw ValidationError(Words(en: "give either --out FILE.pdf or --png FOLDER", fr: "donnez soit --out FICHIER.pdf, soit --png DOSSIER").text) }
        guard (1...5).contains(perCarnet) else { throw ValidationError(Words(en: "--per-carnet must be 1 to 5 (one A4 page per carnet)", fr: "--per-carnet va de 1 à 5 (une page A4 par carnet)").text) }
        let resolutions = PassPrinter.pngResolutions
        guard resolutions.contains(dpi) else { throw ValidationError(Words(en: "--dpi must be between \(resolutions.lowerBound) and \(resolutions.upperBound)", fr: "--dpi va de \(resolutions.lowerBound) à \(resolutions.upperBound)").text) }
        if let carnetsPerFile {
            guard out != nil, carnetsPerFile >= 1 else { throw ValidationError(Words(en: "--carnets-per-file goes with --out and is at least 1", fr: "--carnets-per-file va avec --out et vaut au moins 1").text) }
        }
    }

    func run() async throws {
        try await reportingFailures {
            Interruption.removeTemporaryOutputsOnSignal()
            let label = try self.label ?? BatchLabel.recorded(tokens: tokens, ledger: ledger ?? KeyFolder(besideKey: trustList.path).ledgerPath)
            let settings = try options.settings(perCarnet: perCarnet, label: label, trustList: trustList.path)
            let printer = try PassPrinter(verifier: Verifier(trustList: trustList.file.load()), at: Date(), settings: settings)
            let (fd, total) = try openTokens()
            defer { if fd != STDIN_FILENO { close(fd) } }
            var source = TokenFile(fd: fd, name: tokens)
            let bar = ProgressBar(total: total ?? 0, label: Words(en: "Printing", fr: "Impression"))
            let summary: PrintSummary
            if let out {
                summary = try printer.printPDF(&source, to: out, overwrite: force, carnetsPerFile: carnetsPerFile, progress: { bar.advance(by: $0) })
            } else {
                summary = try printer.printPNGs(&source, toFolder: png!, dpi: dpi, overwrite: force, progress: { bar.advance(by: $0) })
            }
            bar.finish()
            Console.info(PrintWords.done(summary, to: summary.files.count > 1 ? summary.files.joined(separator: ", ") : out ?? png!, png: png != nil))
        }
    }

    /// The token file, and its line count for the progress bar (only drawn on a terminal;
    /// unknown on standard input).
    private func openTokens() throws -> (Int32, Int?) {
        if tokens == "-" { return (STDIN_FILENO, nil) }
        let fd = open(tokens, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(Words(en: "cannot read \(tokens): \(reason)", fr: "impossible de lire \(tokens) : \(reason)"))
        }
        return (fd, Console.stderrIsTerminal ? Self.countLines(tokens) : nil)
    }

    /// Counts lines in blocks, so a file of millions of tokens is never held in memory.
    private static func countLines(_ path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var lines = 0
        while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty {
            lines += block.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        return lines
    }
}

/// The printer's messages in plain words.
enum PrintWords {
    static func done(_ summary: PrintSummary, to path: String, png: Bool) -> Words {
        let size = String(format: "%.1f", Double(summary.bytes) / 1_048_576)
        return png
            ? Words(en: "Printed \(summary.passes) passes (\(summary.carnets) carnets) as PNG images in \(path)/ (\(size) MiB).",
                    fr: "\(summary.passes) pass (\(summary.carnets) carnets) imprimés en images PNG dans \(path)/ (\(size) Mio).")
            : Words(en: "Printed \(summary.carnets) carnets (\(summary.passes) passes) to \(path) (\(size) MiB).",
                    fr: "\(summary.carnets) carnets (\(summary.passes) pass) imprimés dans \(path) (\(size) Mio).")
    }

    static func describe(_ error: PrinterError) -> Words {
        switch error.code {
        case .tokenRefused:
            let reason = error.reason.map(ReasonWords.describe) ?? Words(error.message)
            let line = error.line ?? 0
            return Words(en: "token on line \(line) refused, nothing printed: \(reason.en)",
                         fr: "jeton de la ligne \(line) refusé, rien n'a été imprimé : \(reason.fr)")
        case .exists, .notRegularFile:
            return OutputWords.describe(error.code.rawValue, subject: error.subject, message: error.message)
        default:
            // The module's English message carries the details; French readers get the code's words.
            return Words(en: error.message, fr: french[error.code] ?? error.message)
        }
    }

    private static let french: [PrinterError.Code: String] = [
        .badCarnet: "les jetons ne forment pas des carnets entiers (même clé, valeur et échéance, séries qui se suivent), rien n'a été imprimé",
        .invalidSetting: "un réglage d'impression n'est pas valable (fichier du programme, logo ou nombre de pass par carnet), rien n'a été imprimé",
        .noTokens: "aucun jeton à imprimer",
        .fontMissing: "une police de caractères manque ou ne peut pas être lue",
        .textTooLong: "un texte est trop long pour tenir sur un pass (libellé, partenaires ou contact)",
        .qrEncoding: "le code QR d'un pass n'a pas pu être fabriqué",
        .io: "l'écriture du fichier a échoué (disque plein ou droits ?), rien n'a été gardé",
    ]

    static func hint(_ error: PrinterError) -> Words? {
        switch error.code {
        case .fontMissing:
            Words(en: "install Debian's fonts-dejavu-core (scripts/setup.sh does), or give its folder with --fonts",
                  fr: "installez le paquet Debian fonts-dejavu-core (scripts/setup.sh le fait), ou indiquez son dossier avec --fonts")
        case .badCarnet:
            Words(en: "print the tokens file as `passnum issue` wrote it, or set --per-carnet",
                  fr: "imprimez le fichier de jetons tel que `passnum issue` l'a écrit, ou réglez --per-carnet")
        default: nil
        }
    }
}
