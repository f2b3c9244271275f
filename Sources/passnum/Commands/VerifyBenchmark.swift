import ArgumentParser
import CSodium
import Foundation
import PassIssuer
import PassVerifier
import SpentList

/// `passnum bench verify`: the verifier against raw libsodium, on one core, then bulk
/// verification on every core. Rounds alternate so that machine noise hits both sides alike.
struct VerifyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Raw Ed25519 verifications/s vs full Verifier.verify/s on one core, then bulk on all cores."
    )

    @Option(help: "Tokens to sign for the bulk run.")
    var tokens = 100_000

    @Option(help: "Alternating rounds of the single-core comparison.")
    var rounds = 15

    @Option(help: "Seconds per round and side.")
    var seconds = 0.3

    func validate() throws {
        guard tokens >= 1_000, rounds >= 1, seconds > 0 else { throw ValidationError(Words(en: "--tokens ≥ 1000, --rounds ≥ 1, --seconds > 0", fr: "--tokens ≥ 1000, --rounds ≥ 1, --seconds > 0").text) }
    }

    func run() async throws {
        let fixture = try Fixture(count: tokens)
        print("passnum bench verify: \(tokens) tokens, \(rounds) rounds of \(seconds) s per side, libsodium \(String(cString: sodium_version_string()))")

        var raw: [Double] = []
        var full: [Double] = []
        var signing: [Double] = []
        for _ in 0..<rounds {
            raw.append(rate(seconds: seconds, fixture.rawVerify))
            full.append(rate(seconds: seconds, fixture.fullVerify))
            signing.append(rate(seconds: seconds, fixture.receiptSignature))
        }
        let rawRate = median(raw), fullRate = median(full)
        print(String(format: "one core  raw crypto_sign_verify_detached: %8.0f /s (median of %d)", rawRate, rounds))
        print(String(format: "one core  Verifier.verify(text:at:):       %8.0f /s (median of %d)", fullRate, rounds))
        // The service's other signature: one receipt per redemption (bench-service's ceiling).
        print(String(format: "one core  receipt signature (crypto_sign_detached): %8.0f /s (median of %d)", median(signing), rounds))
        // Each round's pair ran back to back, so its ratio is the least disturbed by other load.
        let ratios = zip(full, raw).map { $0 / $1 }
        print(String(format: "ratio full/raw: %.3f (median of per-round ratios; min %.3f, max %.3f; goal ≥ 0.95)",
                     median(ratios), ratios.min()!, ratios.max()!))

        let lines = fixture.texts.map { ArraySlice(Array($0.utf8)) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let one = bulkRate(lines, fixture, threads: 1)
        let all = bulkRate(lines, fixture, threads: cores)
        print(String(format: "bulk verify - (%d tokens, formatted output) 1 thread:  %8.0f /s", tokens, one))
        print(String(format: "bulk verify - (%d tokens, formatted output) %d threads: %8.0f /s", tokens, cores, all))
        print(String(format: "bulk speed-up: %.2f× the single-core Verifier rate, %.2f× bulk on 1 thread (goal ≥ 1.7×)", all / fullRate, all / one))
    }

    private func bulkRate(_ lines: [ArraySlice<UInt8>], _ fixture: Fixture, threads: Int) -> Double {
        let bulk = BulkVerifier(verifier: fixture.verifier, date: fixture.now, json: true, threads: threads)
        let start = DispatchTime.now().uptimeNanoseconds
        var rejected = 0
        for blockStart in stride(from: 0, to: lines.count, by: 16_384) {
            let block = bulk.verify(Array(lines[blockStart..<min(lines.count, blockStart + 16_384)]), firstNumber: blockStart + 1)
            rejected += block.rejected
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(rejected == 0, "the benchmark's own tokens must verify")
        return Double(lines.count) / elapsed
    }

    /// Calls `body(i)` with increasing i until `seconds` have passed; returns calls per second.
    private func rate(seconds: Double, _ body: (Int) -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        var count = 0
        var now = start
        while now < deadline {
            for _ in 0..<64 {
                body(count)
                count += 1
            }
            now = DispatchTime.now().uptimeNanoseconds
        }
        return Double(count) / (Double(now - start) / 1e9)
    }

    private func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}

/// The benchmark's passes, with what raw libsodium needs to verify them, all in memory.
private struct Fixture {
    let now: Date
    let verifier: Verifier
    let texts: [String]
    private let messages: [[UInt8]]
    private let signatures: [[UInt8]]
    private let publicKey: [UInt8]
    private let receiptKey = SigningKey.generate()
    /// As long as a version-2 receipt's signed message for a partner name of 10 letters.
    private let receiptMessage = Receipt.domains[1] + [UInt8](repeating: 0x2a, count: 79)

    init(count: Int) throws {
        let passes = try BenchPasses(count: count)
        now = passes.now
        verifier = Verifier(trustList: passes.trustList)
        texts = passes.tokens.map(\.text)
        messages = passes.tokens.map { Token.signedMessage(for: $0.payload) }
        signatures = passes.tokens.map(\.signature)
        publicKey = passes.key.publicKey
    }

    func rawVerify(_ i: Int) {
        let k = i % messages.count
        let ok = crypto_sign_verify_detached(signatures[k], messages[k], UInt64(messages[k].count), publicKey) == 0
        precondition(ok)
    }

    func receiptSignature(_ i: Int) {
        _ = receiptKey.sign(receiptMessage)
    }

    func fullVerify(_ i: Int) {
        _ = try! verifier.verify(text: texts[i % texts.count], at: now)
    }
}
