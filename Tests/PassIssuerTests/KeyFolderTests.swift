import Foundation
import PassIssuer
import PassVerifier
import Testing

/// A key is made with its ledger and trust-list entry, and with a pass-number series of its own.
struct KeyFolderTests {
    let validity = date("2026-01-01T00:00:00Z")...date("2030-12-31T23:59:59Z")

    @Test func aNewKeyIsRegisteredInTheLedgerBesideIt() throws {
        let folder = KeyFolder(path: temporaryFolder() + "/Keys")
        let key = try folder.generate(issuer: "Test", validity: validity, passphrase: nil, overwrite: false)
        #expect(FileManager.default.fileExists(atPath: folder.keyPath(key.kid)))
        #expect(try TrustListFile(path: folder.trustListPath).load().key(for: key.kid) != nil)
        #expect(try Ledger(path: folder.ledgerPath, access: .readOnly).knows(key.kid))
        #expect(KeyFolder(besideKey: folder.keyPath(key.kid)).ledgerPath == folder.ledgerPath)
        #expect(try KeyFolder.ledger(for: key.kid, at: folder.ledgerPath).path == folder.ledgerPath)
    }

    @Test func anotherFoldersLedgerIsRefused() throws {
        let mine = KeyFolder(path: temporaryFolder() + "/Keys")
        let theirs = KeyFolder(path: temporaryFolder() + "/Keys")
        let key = try mine.generate(issuer: "Test", validity: validity, passphrase: nil, overwrite: false)
        _ = try theirs.generate(issuer: "Other", validity: validity, passphrase: nil, overwrite: false)
        #expect(issuerError { _ = try KeyFolder.ledger(for: key.kid, at: theirs.ledgerPath) }?.code == .keyNotInLedger)
        let missing = temporaryFolder() + "/issuance.sqlite"
        #expect(issuerError { _ = try KeyFolder.ledger(for: key.kid, at: missing) }?.code == .keyNotInLedger)
        #expect(!FileManager.default.fileExists(atPath: missing), "a refused ledger is not made")
    }

    /// With 999 of the 1000 series taken, the new key gets the one left (SPEC.md §11).
    @Test func theNewKeysSeriesIsFreeInTheTrustList() throws {
        let folder = KeyFolder(path: temporaryFolder() + "/Keys")
        var bySeries: [PassSeries: TrustList.Key] = [:]
        let free = PassSeries(417)!
        while bySeries.count < 999 {
            let key = IssuerKey.generate()
            let series = PassSeries(keyID: key.kid)
            if series != free, bySeries[series] == nil {
                bySeries[series] = TrustList.Key(publicKey: key.publicKey, issuer: "Old", notBefore: validity.lowerBound, notAfter: validity.upperBound, status: .revoked)
            }
        }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try TrustList(keys: Array(bySeries.values)).json().write(to: URL(fileURLWithPath: folder.trustListPath))
        let key = try folder.generate(issuer: "Test", validity: validity, passphrase: nil, overwrite: false)
        #expect(PassSeries(keyID: key.kid) == free)
        let list = try TrustListFile(path: folder.trustListPath).load()
        #expect(list.keys(inSeries: free).map(\.kid) == [key.kid])
    }
}
