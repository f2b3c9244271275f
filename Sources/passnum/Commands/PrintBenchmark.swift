import ArgumentParser
import CarnetPrinter
import Foundation
import PassIssuer
import PassVerifier
import SafeOutput

/// `passnum bench print`: carnets to one PDF (wall time, peak memory, size), then single-pass
/// PNGs on all cores (ms per image). It leaves tokens.txt beside the outputs so the peer
/// scripts (../shared/bench/peer_pdf.py, peer_png.py) can be run on the same tokens.
struct PrintBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Carnets × 5 passes to one PDF (time, peak memory, size), then single-pass PNGs (ms per image, all cores)."
    )

    @Option(help: "Carnets of 5 passes in the PDF.")
    var carnets = 2_000

    @Option(help: "Single-pass PNGs to write.")
    var pngs = 1_000

    @Option(help: "PNG resolution (a pass is 190 × 50 mm: 2244 × 591 pixels at 300 dpi).")
    var dpi = 300

    @Option(help: "Folder for tokens.txt, trustlist.json, carnets.pdf and png/ (created; default: a new temporary folder).")
    var dir: String?

    func validate() throws {
        guard carnets >= 1, pngs >= 1, PassPrinter.pngResolutions.contains(dpi) else { throw ValidationError(Words(en: "--carnets ≥ 1, --pngs ≥ 1, --dpi 120 to 1200", fr: "--carnets ≥ 1, --pngs ≥ 1, --dpi de 120 à 1200").text) }
    }

    func run() async throws {
        try await reportingFailures {
            let folder = dir ?? NSTemporaryDirectory() + "passnum-bench-print-\(getpid())"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let (verifier, tokensPath) = try makeTokens(count: max(carnets * 5, (pngs + 4) / 5 * 5), in: folder)
            let printer = try PassPrinter(verifier: verifier, at: Date(), settings: PrintSettings(label: "Bench"))
            print("passnum bench print: \(carnets) carnets × 5 passes, \(ProcessInfo.processInfo.activeProcessorCount) cores, tokens in \(tokensPath)")
            try benchPDF(printer, tokens: tokensPath, folder: folder)
            try benchPNG(printer, tokens: tokensPath, folder: folder)
        }
    }

    private func benchPDF(_ printer: PassPrinter, tokens: String, folder: String) throws {
        let out = folder + "/carnets.pdf"
        try? FileManager.default.removeItem(atPath: out)
        let before = peakMiB()
        let (summary, seconds, cpu) = try timed { () throws(PrinterError) in
            try withTokens(tokens, limit: carnets * 5) { source throws(PrinterError) in try printer.printPDF(&source, to: out) }
        }
        print(String(format: "PDF  %d carnets, %d passes: %.2f s wall, %.2f s CPU (user+sys), %.0f passes/s, %.2f MiB (%@)",
                     summary.carnets, summary.passes, seconds, cpu, Double(summary.passes) / seconds, Double(summary.bytes) / 1_048_576, out))
        print(String(format: "PDF  peak memory (getrusage maxrss): %.1f MiB for the whole process (%.1f MiB before printing)", peakMiB(), before))
    }

    private func benchPNG(_ printer: PassPrinter, tokens: String, folder: String) throws {
        let out = folder + "/png"
        try? FileManager.default.removeItem(atPath: out)
        let (summary, seconds, cpu) = try timed { () throws(PrinterError) in
            try withTokens(tokens, limit: pngs) { source throws(PrinterError) in try printer.printPNGs(&source, toFolder: out, dpi: dpi) }
        }
        let width = Int((190 / 25.4 * Double(dpi)).rounded()), height = Int((50 / 25.4 * Double(dpi)).rounded())
        print(String(format: "PNG  %d images of %d × %d px (%d dpi): %.2f s wall, %.2f ms/PNG wall, %.2f ms/PNG CPU, avg %.1f KiB, %d cores",
                     summary.passes, width, height, dpi, seconds, seconds * 1000 / Double(summary.passes), cpu * 1000 / Double(summary.passes),
                     Double(summary.bytes) / Double(summary.passes) / 1024, ProcessInfo.processInfo.activeProcessorCount))
        print("peer: python3 peer_pdf.py --carnets \(carnets) --qr vector --tokens \(tokens) --out /tmp/peer.pdf")
        print("peer: python3 peer_png.py --count \(pngs) --width \(width) --height \(height) --tokens \(tokens) --outdir /tmp/peer-png")
    }

    /// `count` signed tokens and their trust list, written to files.
    private func makeTokens(count: Int, in folder: String) throws -> (Verifier, String) {
        let passes = try BenchPasses(count: count)
        let path = folder + "/tokens.txt"
        try AtomicFile.write(Array((passes.tokens.map(\.text).joined(separator: "\n") + "\n").utf8), to: path, overwrite: true)
        try AtomicFile.write(Array(passes.trustList.json()), to: folder + "/trustlist.json", mode: OutputFile.public, overwrite: true)
        return (Verifier(trustList: passes.trustList), path)
    }

    /// Streams the token file as `passnum print` does (not from memory), up to `limit` tokens.
    private func withTokens(_ path: String, limit: Int? = nil, _ body: (inout LimitedSource) throws(PrinterError) -> PrintSummary) throws(PrinterError) -> PrintSummary {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        var source = LimitedSource(file: TokenFile(fd: fd, name: path), left: limit ?? Int.max)
        return try body(&source)
    }

    /// The result, wall seconds and CPU seconds (user + system, all threads) of `body`.
    private func timed<T>(_ body: () throws(PrinterError) -> T) throws(PrinterError) -> (T, Double, Double) {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuSeconds()
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds() - cpuStart)
    }

    private func usage() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }

    private func cpuSeconds() -> Double {
        let usage = usage()
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private func peakMiB() -> Double {
        Double(usage().ru_maxrss) / 1024  // kilobytes on Linux
    }
}

/// The first `left` tokens of a file.
struct LimitedSource: TokenSource {
    var file: TokenFile
    var left: Int

    mutating func next(count: Int) throws(PrinterError) -> [(line: Int, text: String)] {
        guard left > 0 else { return [] }
        let tokens = try file.next(count: min(count, left))
        left -= tokens.count
        return tokens
    }
}

/// What both benchmarks measure on: a fresh key valid for 400 days, its trust list, and
/// `count` passes of 10 € valid for a year.
struct BenchPasses {
    let now = Date()
    let key = IssuerKey.generate()
    let trustList: TrustList
    let tokens: [Token]

    init(count: Int) throws {
        trustList = try TrustList(keys: [TrustList.Key(
            publicKey: key.publicKey, issuer: "Nantes Métropole", notBefore: now.addingTimeInterval(-60),
            notAfter: now.addingTimeInterval(86_400 * 400), status: .active)])
        let expiry = UInt32(now.timeIntervalSince1970) + 86_400 * 365
        tokens = key.sign((1...count).map { [key] in
            Payload(keyID: key.kid, serial: Serial(UInt64($0))!, value: Cents(1000)!, expiry: expiry)
        })
    }
}
