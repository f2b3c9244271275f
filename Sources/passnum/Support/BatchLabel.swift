import Foundation
import PassIssuer
import PassVerifier

/// The label given to `issue` for a batch ("CCAS Nantes"), found again in the ledger from the
/// first token of a file, so `print` puts the same place on the stub without being told twice.
enum BatchLabel {
    /// The label of the first token's batch; "" when it cannot be known (standard input, no
    /// ledger, a token the ledger did not issue), as before labels were recorded.
    static func recorded(tokens: String, ledger: String) throws -> String {
        guard tokens != "-", FileManager.default.fileExists(atPath: ledger),
              let handle = FileHandle(forReadingAtPath: tokens) else { return "" }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self)
        guard let line = head.split(whereSeparator: \.isNewline).first,
              let token = try? Token(text: line.trimmingCharacters(in: .whitespaces)) else { return "" }
        return try Ledger(path: ledger, access: .readOnly).batch(kid: token.payload.keyID, serial: token.payload.serial)?.label ?? ""
    }
}
