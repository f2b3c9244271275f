import CarnetPrinter
import Foundation
import PassIssuer
import PassVerifier
import SpentList

/// The web counter's PDF statement (`GET /v1/statement`), drawn by the code of
/// `passnum statement --pdf`: `passnum serve` hands this to the service, which holds no drawing
/// code of its own. The PDF is written through the one atomic output to a private temporary
/// file, read back and removed.
enum WebStatement {
    static func renderer(trustListPath: String) -> @Sendable (Settlement, [Conflict], String, Bool) throws -> [UInt8] {
        { settlement, conflicts, partner, french in
            let passes = settlement.partners.flatMap { $0.redemptions.map(\.pass) }
            let issuer = StatementBuilder.issuer(given: nil, trustList: try? TrustListFile(path: trustListPath).load(), passes: passes)
            let statement = StatementBuilder.statement(settlement, conflicts: conflicts, issuer: issuer, partner: partner, language: french ? .fr : .en)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("passnum-statement-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("statement.pdf").path
            try StatementDocument.write(statement, to: path)
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }
}
