import Foundation
import PassVerifier
import Testing

struct TrustListTests {
    let key = Fixtures.issuer

    func json(kid: String? = nil, publicKey: String? = nil, status: String = "active", extra: String = "") -> String {
        """
        {"format": "passnum-trustlist/v1", "comment": "unknown fields are ignored", "keys": [
          {"kid": "\(kid ?? key.kid.text)", "publicKey": "\(publicKey ?? Data(key.publicKey).base64EncodedString())",
           "issuer": "Nantes Métropole", "notBefore": "2026-11-01T00:00:00Z", "notAfter": "2028-12-31T23:59:59Z",
           "status": "\(status)", "futureField": 42}\(extra)
        ]}
        """
    }

    func failure(_ text: String) -> PassError? {
        do {
            _ = try TrustList(json: Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesAValidListAndIgnoresUnknownFields() throws {
        let list = try TrustList(json: Data(json().utf8))
        let entry = try #require(list.key(for: key.kid))
        #expect(entry.issuer == "Nantes Métropole")
        #expect(entry.publicKey == key.publicKey)
        #expect(entry.notAfter == Fixtures.date("2028-12-31T23:59:59Z"))
        #expect(entry.status == .active)
    }

    @Test func roundTripsThroughItsOwnJSON() throws {
        let list = try TrustList(json: Data(json().utf8))
        let again = try TrustList(json: list.json())
        #expect(again.keys == list.keys)
    }

    @Test(arguments: [
        ("not json", "not valid JSON"),
        ("{\"format\": \"passnum-trustlist/v2\", \"keys\": []}", "format"),
        ("{\"format\": \"passnum-trustlist/v1\"}", "missing field \"keys\""),
    ])
    func refusesABadDocument(_ text: String, _ words: String) throws {
        let error = try #require(failure(text))
        #expect(error.code == .invalidTrustList)
        #expect(error.message.contains(words), "\(error.message)")
    }

    @Test func refusesAKidThatDoesNotMatchItsKey() throws {
        let error = try #require(failure(json(kid: "00000000")))
        #expect(error.code == .invalidTrustList)
        #expect(error.message.contains("does not match"))
        #expect(error.message.contains(key.kid.text), "names the key's real id")
    }

    @Test func refusesADuplicateKid() throws {
        let duplicate = ", {\"kid\": \"\(key.kid)\", \"publicKey\": \"\(Data(key.publicKey).base64EncodedString())\", \"issuer\": \"x\", \"notBefore\": \"2026-11-01T00:00:00Z\", \"notAfter\": \"2028-12-31T23:59:59Z\", \"status\": \"active\"}"
        let error = try #require(failure(json(extra: duplicate)))
        #expect(error.message.contains("more than once"))
    }

    @Test(arguments: [
        ("kid", "ABCDEF12"), ("publicKey", "bm90IDMyIGJ5dGVz"), ("status", "suspended"),
    ])
    func refusesABadField(_ field: String, _ value: String) throws {
        let text = switch field {
        case "kid": json(kid: value)
        case "publicKey": json(publicKey: value)
        default: json(status: value)
        }
        let error = try #require(failure(text))
        #expect(error.code == .invalidTrustList)
        #expect(error.message.contains(field), "\(error.message)")
    }

    @Test func refusesABadDate() throws {
        let text = json().replacingOccurrences(of: "2028-12-31T23:59:59Z", with: "31/12/2028")
        let error = try #require(failure(text))
        #expect(error.message.contains("notAfter"))
    }
}

/// The issuer bound of SPEC.md §7.2 holds for lists made in code too (an issuer's tools), and
/// counts Unicode scalars: not bytes, not UTF-16 units, not the characters `count` sees.
struct IssuerBoundTests {
    func list(issuer: String) -> PassErrorCode? {
        let key = Fixtures.issuer
        let entry = TrustList.Key(publicKey: key.publicKey, issuer: issuer, notBefore: Fixtures.date("2026-01-01T00:00:00Z"),
                                  notAfter: Fixtures.date("2030-12-31T23:59:59Z"), status: .active)
        do throws(PassError) {
            _ = try TrustList(keys: [entry])
            return nil
        } catch {
            return error.detail
        }
    }

    @Test func oneHundredScalarsOfFourBytesAreTakenAndOneMoreIsNot() {
        #expect(list(issuer: String(repeating: "\u{1D11E}", count: 100)) == nil)
        #expect(list(issuer: String(repeating: "\u{1D11E}", count: 101)) == .badIssuer)
    }

    @Test func combiningMarksCountApartAndAnEmptyNameIsRefused() {
        let decomposed = String(repeating: "e\u{301}", count: 51)
        #expect(decomposed.count == 51, "51 characters to the eye")
        #expect(list(issuer: decomposed) == .badIssuer)
        #expect(list(issuer: "") == .badIssuer)
    }

    @Test func theCReasonNumberOfBadIssuerFollowsTheEarlierOnes() {
        #expect(PassErrorCode.trustListReasons.last == .badIssuer)
        #expect(PassErrorCode.trustListReasons.firstIndex(of: .badIssuer) == 12, "PV_BAD_ISSUER is 20 + 12 = 32")
    }
}
