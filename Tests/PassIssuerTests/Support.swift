import Foundation
import PassIssuer
import PassVerifier

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "passnum-test-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func secret(_ text: String) -> SecretBytes {
    Array(text.utf8).withUnsafeBytes { SecretBytes(copying: $0) }
}

func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

func issuerError(_ body: () throws -> Void) -> IssuerError? {
    do {
        try body()
        return nil
    } catch let error as IssuerError {
        return error
    } catch {
        return IssuerError(.io, "unexpected \(error)")
    }
}
