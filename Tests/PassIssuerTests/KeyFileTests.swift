import Foundation
import PassIssuer
import PassVerifier
import Testing

struct KeyFileTests {
    let key = IssuerKey.generate()

    @Test func sealedFileOpensWithTheRightPassphraseOnly() throws {
        let sealed = try KeyFile.seal(key, passphrase: secret("correct horse"))
        #expect(KeyFile.needsPassphrase(sealed) == true)
        #expect(KeyFile.keyID(sealed) == key.kid)
        let opened = try KeyFile.open(sealed) { () throws(IssuerError) in secret("correct horse") }
        #expect(opened.publicKey == key.publicKey)
        let wrong = issuerError { _ = try KeyFile.open(sealed) { () throws(IssuerError) in secret("wrong horse") } }
        #expect(wrong?.code == .wrongPassphrase)
    }

    @Test func sealedFileDoesNotContainTheSeed() throws {
        let sealed = try KeyFile.seal(key, passphrase: secret("correct horse"))
        let seed = key.seed.withUnsafeBytes { Array($0) }
        #expect(!sealed.windows(ofCount: 8).contains { Array($0) == Array(seed.prefix(8)) })
    }

    @Test func clearFileOpensWithoutAskingForAPassphrase() throws {
        let clear = try KeyFile.seal(key, passphrase: nil)
        #expect(KeyFile.needsPassphrase(clear) == false)
        let opened = try KeyFile.open(clear) { () throws(IssuerError) in
            throw IssuerError(.noPassphrase, "must not be asked")
        }
        #expect(opened.kid == key.kid)
    }

    /// Every header byte is authenticated: changing the KDF cost, key id or public key fails.
    @Test(arguments: [10, 14, 46, 53, 63])
    func anAlteredHeaderByteIsRefused(_ offset: Int) throws {
        var sealed = try KeyFile.seal(key, passphrase: secret("correct horse"))
        sealed[offset] ^= 0x01
        let error = issuerError { _ = try KeyFile.open(sealed) { () throws(IssuerError) in secret("correct horse") } }
        #expect(error != nil)
        #expect([IssuerError.Code.wrongPassphrase, .badKeyFile].contains(error!.code))
    }

    @Test func refusesTruncatedAndForeignFiles() throws {
        let sealed = try KeyFile.seal(key, passphrase: secret("correct horse"))
        for bytes in [Array(sealed.dropLast()), Array("hello".utf8), [], Array("PNSECKEY".utf8) + [9] + sealed.dropFirst(9)] {
            let error = issuerError { _ = try KeyFile.open(Array(bytes)) { () throws(IssuerError) in secret("correct horse") } }
            #expect(error?.code == .badKeyFile)
        }
    }

    /// Issue 14 §1.10: a damaged file read as "wrong passphrase"; the whole-file check of
    /// version 2 tells damage apart, wherever it is, before any passphrase is tried.
    @Test(arguments: [20, 50, 70, 90, 110, 140, 160])
    func aDamagedFileIsSaidToBeDamagedNotAWrongPassphrase(_ offset: Int) throws {
        var sealed = try KeyFile.seal(key, passphrase: secret("correct horse"))
        sealed[offset] ^= 0x01
        let error = issuerError { _ = try KeyFile.open(sealed) { () throws(IssuerError) in secret("correct horse") } }
        #expect(error?.code == .badKeyFile && error?.message.contains("damaged") == true, "\(String(describing: error))")
    }

    /// Files written before version 2 still open, sealed (made by the previous release) or clear.
    @Test func versionOneFilesStillOpen() throws {
        let sealed = Array(Data(base64Encoded: Self.versionOneSealed)!)
        let opened = try KeyFile.open(sealed) { () throws(IssuerError) in secret("correct horse") }
        #expect(opened.kid.text == "87ab35c5")
        let wrong = issuerError { _ = try KeyFile.open(sealed) { () throws(IssuerError) in secret("wrong horse") } }
        #expect(wrong?.code == .wrongPassphrase)
        let clear = Array("PNSECKEY".utf8) + [1, 0] + key.kid.bytes + key.publicKey + key.seed.withUnsafeBytes { Array($0) }
        #expect(try KeyFile.open(clear) { () throws(IssuerError) in secret("unused") }.kid == key.kid)
        var lying = clear
        lying[12] ^= 0x01  // a key id that is not the public key's: damaged, said before any passphrase
        #expect(issuerError { _ = try KeyFile.open(lying) { () throws(IssuerError) in secret("unused") } }?.message.contains("damaged") == true)
    }

    /// `passnum keys generate` of version 1, passphrase "correct horse".
    static let versionOneSealed = "UE5TRUNLRVkBAYerNcUhfWja5eDwQEopGG+HPTjnN54QIqDDyNw2p6/7qk/8FwAAAAAAAAADAAAAABAAAACoDYQMOqZNgLFll6CYmPzRk9S+Wr2AVMd4GFzwUW+n0PUB/KGjDFXCAVbI5NJfQIz9TpbseYcojHFm7jcXNMDORiRQo/jPB0W3Njs1JccHuGuUrmEhAyOe"

    @Test func descriptionsNeverShowTheSecret() {
        #expect(!"\(key)".contains(key.seed.withUnsafeBytes { Data($0).base64EncodedString() }))
        #expect("\(key.seed)".contains("redacted"))
    }

    @Test func writesSecretKeysMode0600AndRefusesToOverwrite() throws {
        let path = temporaryFolder() + "/k.secret"
        try AtomicFile.write(KeyFile.seal(key, passphrase: nil), to: path, mode: 0o600, overwrite: false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = issuerError { try AtomicFile.write([1, 2, 3], to: path, mode: 0o600, overwrite: false) }
        #expect(again?.code == .exists)
        #expect(try AtomicFile.read(path).count > 3, "the first key is untouched")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["k.secret"], "no temporary left behind")
    }
}

extension Array {
    func windows(ofCount n: Int) -> [ArraySlice<Element>] {
        count < n ? [] : (0...(count - n)).map { self[$0..<$0 + n] }
    }
}
