import ArgumentParser
import CarnetPrinter
import Conventions
import Foundation
import PassIssuer
import PassVerifier

struct Issue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign new passes and write one 200-digit token per line.",
        discussion: """
            Serials come from the issuance ledger and are never reused, even when a run is \
            interrupted. Example:
              passnum issue --key Keys/7f26c5a0.secret --carnets 100 --value 10.00 \\
                --expires 2027-12-31 --label "CCAS Nantes" --out tokens.txt
            With --pdf the carnets are printed in the same step (one A4 page per carnet).
            """
    )

    @Option(help: "The issuer's secret key file.")
    var key: String

    @Option(help: "How many carnets.")
    var carnets: Int

    @Option(help: "Passes per carnet.")
    var perCarnet: Int = 5

    @Option(help: "Value of each pass in euros, e.g. 10.00.")
    var value: String

    @Option(help: "Last day of validity, YYYY-MM-DD (the pass ends at midnight, Paris time).")
    var expires: String

    @Option(help: "Where the carnets are handed out (printed on the stub).")
    var label: String = ""

    @Option(help: "The key's issuance ledger (default: issuance.sqlite beside the key, made with it by `keys generate`).")
    var ledger: String?

    @Option(help: "The trust list (default: trustlist.json beside the key).")
    var trustList: String?

    @Option(help: "Output file: one token per line.")
    var out: String?

    @Option(help: "Also print the carnets to this PDF (one A4 page per carnet).")
    var pdf: String?

    @OptionGroup var printing: PrintOptions

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        guard carnets >= 1 else { throw ValidationError(Words(en: "--carnets must be at least 1", fr: "--carnets vaut au moins 1").text) }
        guard perCarnet >= 1 else { throw ValidationError(Words(en: "--per-carnet must be at least 1", fr: "--per-carnet vaut au moins 1").text) }
        guard out != nil || pdf != nil else { throw ValidationError(Words(en: "give --out FILE for the tokens, --pdf FILE for the carnets, or both", fr: "donnez --out FICHIER pour les jetons, --pdf FICHIER pour les carnets, ou les deux").text) }
        if pdf != nil, perCarnet > 5 { throw ValidationError(Words(en: "--per-carnet must be 1 to 5 with --pdf (one A4 page per carnet)", fr: "--per-carnet va de 1 à 5 avec --pdf (une page A4 par carnet)").text) }
    }

    func run() async throws {
        try await reportingFailures {
            let request = try IssuingRequest(
                carnets: carnets, perCarnet: perCarnet,
                value: IssuingRequest.cents(fromEuros: value),
                expiry: IssuingRequest.expiry(fromDay: expires), label: label)
            if let out { try AtomicFile.checkOutput(out, overwrite: force) }
            let trustListPath = self.trustList ?? Paths.trustList(besideKey: key)
            let trustList = try TrustListFile(path: trustListPath).load()
            // Everything printing needs is checked before serials are reserved.
            let printer = try pdf.map { pdf throws in
                try PassPrinter.checkOutput(pdf, overwrite: force)
                return try PassPrinter(verifier: Verifier(trustList: trustList), at: Date(), settings: printing.settings(perCarnet: perCarnet, label: label, trustList: trustListPath))
            }
            let keyBytes = try AtomicFile.read(key)
            let ledger = try LedgerChoice.open(forKeyFile: key, bytes: keyBytes, named: self.ledger)
            let issuerKey = try KeyFile.open(keyBytes, passphrase: Passphrase.forOpening)
            let issuer = Issuer(key: issuerKey, trustList: trustList, ledger: ledger)
            let batch = try issuer.issue(request, at: Date()) { _, tokens in try writeOutputs(tokens.map(\.text), printer: printer) }
            let count = batch.carnets * batch.perCarnet
            let written = [out, pdf].compactMap { $0 }.joined(separator: Words(en: " and ", fr: " et ").text)
            Console.info(Words(
                en: "Issued \(count) passes (\(batch.carnets) carnet\(batch.carnets == 1 ? "" : "s") of \(batch.perCarnet)) of \(Money.local(batch.value)), valid until \(Paris.lastValidDay(expiry: request.expiryDate)): serials \(batch.firstSerial)–\(batch.lastSerial), batch #\(batch.id), written to \(written).",
                fr: "\(count) pass émis (\(batch.carnets) carnet\(batch.carnets == 1 ? "" : "s") de \(batch.perCarnet)) de \(Money.local(batch.value)), valables jusqu'au \(Paris.lastValidDay(expiry: request.expiryDate)) : séries \(batch.firstSerial)–\(batch.lastSerial), lot n° \(batch.id), écrits dans \(written)."))
            if out == nil {
                Console.hint(Words(en: "no token file was kept: the PDF is the only copy of these passes",
                                   fr: "aucun fichier de jetons n'a été gardé : le PDF est le seul exemplaire de ces pass"))
            }
        }
    }

    /// The batch's outputs: the token file, then the PDF. Issuing marks the batch completed
    /// only once both are written.
    private func writeOutputs(_ texts: [String], printer: PassPrinter?) throws {
        if let out {
            try AtomicFile.write(Array((texts.joined(separator: "\n") + "\n").utf8), to: out, overwrite: force)
        }
        if let printer, let pdf {
            Interruption.removeTemporaryOutputsOnSignal()
            var source = TokenList(texts)
            let bar = ProgressBar(total: texts.count, label: Words(en: "Printing", fr: "Impression"))
            _ = try printer.printPDF(&source, to: pdf, overwrite: force, progress: { bar.advance(by: $0) })
            bar.finish()
        }
    }
}

extension IssuingRequest {
    var expiryDate: Date { Date(timeIntervalSince1970: TimeInterval(expiry)) }
}
