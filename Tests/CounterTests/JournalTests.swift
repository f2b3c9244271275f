import Counter
import Foundation
import PassIssuer
import PassVerifier
import Testing

struct JournalTests {
    let path = NSTemporaryDirectory() + "passnum-journal-\(UUID().uuidString).sqlite"
    static let key = IssuerKey(seed: [UInt8](repeating: 3, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
    static let verifier = Verifier(trustList: try! TrustList(keys: [TrustList.Key(
        publicKey: key.publicKey, issuer: "Test", notBefore: Date(timeIntervalSince1970: 0),
        notAfter: Date(timeIntervalSince1970: 4_000_000_000), status: .active)]))

    func pass(_ serial: UInt64) throws -> VerifiedPass {
        let token = Self.key.sign(Payload(keyID: Self.key.kid, serial: Serial(serial)!, value: Cents(1000)!, expiry: 3_000_000_000))
        return try Self.verifier.verify(token, at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func aPassIsRecordedOnceAndThenFound() throws {
        let journal = try Journal(path: path)
        let at = Date(timeIntervalSince1970: 1_800_000_123)
        let first = try journal.record(pass(5), at: at, mode: .offline)
        #expect(first.inserted)
        #expect(first.item.status == .pending)
        let again = try journal.record(pass(5), at: at.addingTimeInterval(60), mode: .offline)
        #expect(!again.inserted)
        #expect(again.item.scannedAt == at, "the first scan's time is kept")
        #expect(try journal.item(kid: Self.key.kid, serial: Serial(5)!)?.token == pass(5).token.text)
    }

    @Test func onlineItemsAreSettledAtOnceAndOfflineOnesWaitForSync() throws {
        let journal = try Journal(path: path)
        _ = try journal.record(pass(1), at: Date(), mode: .online)
        let offline = try journal.record(pass(2), at: Date(), mode: .offline).item
        #expect(try journal.pending().map(\.serial.value) == [2])
        try journal.settle(offline, as: .conflict, detail: "spent elsewhere first")
        #expect(try journal.pending().isEmpty)
        #expect(try Journal(path: path).all().map(\.status) == [.accepted, .conflict], "survives reopening")
    }

    /// Issue 13 §2 offline: the session's kind of help is kept with each item, for sync.
    @Test func theKindOfHelpIsKeptWithTheItem() throws {
        let journal = try Journal(path: path)
        _ = try journal.record(pass(1), at: Date(), mode: .offline, helpKind: "cv")
        _ = try journal.record(pass(2), at: Date(), mode: .offline)
        #expect(try Journal(path: path).pending().map(\.helpKind) == ["cv", nil], "survives reopening")
    }
}
