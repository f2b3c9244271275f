import Foundation
import PassIssuer
import PassVerifier
import Testing

struct TrustListFileTests {
    @Test func addsRevokesAndKeepsUnknownFields() throws {
        let path = temporaryFolder() + "/trustlist.json"
        let file = TrustListFile(path: path)
        let a = IssuerKey.generate(), b = IssuerKey.generate()
        let entry = { (key: IssuerKey) in
            TrustList.Key(publicKey: key.publicKey, issuer: "Nantes Métropole", notBefore: date("2026-01-01T00:00:00Z"), notAfter: date("2029-01-01T00:00:00Z"), status: .active)
        }
        try file.add(entry(a))
        // A newer tool added a field; an edit by this one must keep it.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"format\"", with: "\"publisher\" : \"DSI\",\n  \"format\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try file.add(entry(b))
        #expect(try file.revoke(a.kid) == true)
        #expect(try file.revoke(a.kid) == false)
        let list = try file.load()
        #expect(list.keys.map(\.kid) == [a.kid, b.kid])
        #expect(list.key(for: a.kid)?.status == .revoked)
        #expect(list.key(for: b.kid)?.status == .active)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"publisher\" : \"DSI\""))
    }

    @Test func revokingAnUnknownKeyIsAnError() throws {
        let file = TrustListFile(path: temporaryFolder() + "/trustlist.json")
        try file.add(TrustList.Key(publicKey: IssuerKey.generate().publicKey, issuer: "x", notBefore: Date(), notAfter: Date(), status: .active))
        #expect(issuerError { _ = try file.revoke(KeyID(text: "00000000")!) }?.code == .keyUnusable)
    }

    @Test func aBrokenTrustListIsNamedInTheError() throws {
        let path = temporaryFolder() + "/trustlist.json"
        try Data("{\"format\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        let error = issuerError { _ = try TrustListFile(path: path).load() }
        #expect(error?.code == .trustList)
        #expect(error?.message.contains(path) == true)
    }
}
