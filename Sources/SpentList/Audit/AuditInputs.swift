import Foundation
import PassVerifier

/// What an auditor may bring besides the spent list (SPEC.md §16.2): partners' receipts, and an
/// earlier signed summary. A file that cannot be read as one is an error, never a finding.
public typealias AuditInputError = ModuleError<AuditInputErrorCode>

public enum AuditInputErrorCode: ErrorCode {
    /// A receipts file with a line that is no receipt, a damaged receipt, or no receipt at all.
    case unreadableReceipts
    /// An earlier summary that is not one `passnum audit` wrote (no format line or chain line).
    case unreadableSummary
    /// An earlier summary whose signature is not the given auditor key's (another key, or altered).
    case summaryNotGenuine
}

/// A partner's receipt, from line `line` of `file`. `refusal` is set when its signature is not
/// the service's (another key, or altered): its fields are then only what it claims.
public struct AuditReceipt: Sendable {
    public let file: String, line: Int
    public let receipt: Receipt
    public let refusal: SpentListError?

    /// Reads a partner's receipts, one per line, as counters keep them: a bare receipt
    /// (`pnr2.…`), a line of `passnum journal` or `passnum journal --json`, or the web counter's
    /// stored record (its `"receipt"` field). Blank lines, and journal lines of a pass that has
    /// no receipt (`"receipt":""`: not synced yet, or a conflict), are skipped.
    public static func read(_ text: String, file: String, publicKey: [UInt8]) throws(AuditInputError) -> [AuditReceipt] {
        var receipts: [AuditReceipt] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.replacingOccurrences(of: " ", with: "").contains("\"receipt\":\"\"") { continue }
            guard let token = receiptText(in: trimmed) else {
                throw AuditInputError(.unreadableReceipts, "line \(index + 1) of \(file) holds no receipt (pnr1. or pnr2.)", subject: "\(file):\(index + 1)")
            }
            receipts.append(try read(token, file: file, line: index + 1, publicKey: publicKey))
        }
        guard !receipts.isEmpty else { throw AuditInputError(.unreadableReceipts, "\(file) holds no receipt", subject: file) }
        return receipts
    }

    static func read(_ token: Substring, file: String, line: Int, publicKey: [UInt8]) throws(AuditInputError) -> AuditReceipt {
        do {
            return AuditReceipt(file: file, line: line, receipt: try Receipt.verify(text: token, publicKey: publicKey), refusal: nil)
        } catch where error.code != .badReceipt {
            // Well formed, but not signed by this service's key: a finding, with what it claims.
            let body = Base64URL.decode(token.dropFirst(5)).map { Array($0.dropLast(Receipt.signatureSize)) } ?? []
            guard let claimed = try? Receipt.decode(body: body) else {
                throw AuditInputError(.unreadableReceipts, "line \(line) of \(file): \(error.message)", subject: "\(file):\(line)")
            }
            return AuditReceipt(file: file, line: line, receipt: claimed, refusal: error)
        } catch {
            throw AuditInputError(.unreadableReceipts, "line \(line) of \(file): \(error.message)", subject: "\(file):\(line)")
        }
    }

    /// The receipt text in a line: from `pnr1.` or `pnr2.` to the end of the base64url run.
    static func receiptText(in line: String) -> Substring? {
        guard let start = ["pnr2.", "pnr1."].compactMap({ line.range(of: $0)?.lowerBound }).min() else { return nil }
        let rest = line[start...]
        let base64 = rest.dropFirst(5).prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return rest.prefix(5 + base64.count)
    }

    /// "receipts.txt:12", how findings name a receipt.
    public var place: String { "\(file):\(line)" }
}

/// An earlier audit's summary, checked with its auditor's public key: where the chain was then.
public struct EarlierSummary: Sendable, Equatable {
    public let links: Int
    public let head: ChainLink?
    public let lastFeedSequence: Int64

    public init(links: Int, head: ChainLink?, lastFeedSequence: Int64) {
        (self.links, self.head, self.lastFeedSequence) = (links, head, lastFeedSequence)
    }

    /// Checks the signature (SPEC.md §16), then reads the chain's line, in French or English.
    public static func read(summary: [UInt8], signature: String, publicKey: [UInt8]) throws(AuditInputError) -> EarlierSummary {
        do {
            try AuditSignature.verify(text: signature, summary: summary, publicKey: publicKey)
        } catch {
            throw AuditInputError(.summaryNotGenuine, "the earlier summary's signature is refused: \(error.message)", subject: error.code.rawValue)
        }
        return try parse(String(decoding: summary, as: UTF8.self))
    }

    static func parse(_ text: String) throws(AuditInputError) -> EarlierSummary {
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.contains("format: passnum-audit-summary/v1") else {
            throw AuditInputError(.unreadableSummary, "this is not a passnum audit summary (no line format: passnum-audit-summary/v1)")
        }
        let forms = [("chain: ", " links, head ", ", up to feed number ", "none"), ("chaîne : ", " maillons, tête ", ", jusqu'au numéro de flux ", "aucune")]
        for line in lines {
            for (start, middle, end, none) in forms where line.hasPrefix(start) {
                let parts = line.dropFirst(start.count).components(separatedBy: middle).flatMap { $0.components(separatedBy: end) }
                guard parts.count == 3, let links = Int(parts[0]), let last = Int64(parts[2]) else { continue }
                if parts[1] == none { return EarlierSummary(links: links, head: nil, lastFeedSequence: last) }
                if let head = ChainLink(hex: parts[1]) { return EarlierSummary(links: links, head: head, lastFeedSequence: last) }
            }
        }
        throw AuditInputError(.unreadableSummary, "the summary has no readable chain line (chain: N links, head …)")
    }
}
