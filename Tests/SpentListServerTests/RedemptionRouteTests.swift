import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassVerifier
import SpentList
import SpentListServer
import TestStores
import Testing

@Suite struct RedemptionRouteTests {
    @Test(arguments: StoreKind.allCases) func aPassIsRedeemedWithASignedReceiptThenRefusedWith409(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (status, json) = try await client.redeem(ServiceFixture.token(7, cents: 1250), key: fixture.pingKey)
            #expect(status == .created)
            #expect(json["status"] as? String == "redeemed")
            #expect(json["serial"] as? Int == 7)
            #expect(json["kid"] as? String == ServiceFixture.active.kid.text)
            #expect(json["valueCents"] as? Int == 1250)
            #expect(json["redeemedAt"] as? String == "2026-11-18T11:06:40.000Z")
            let receipt = try Receipt.verify(text: json["receipt"] as! String, publicKey: ServiceFixture.receiptKey.publicKey)
            #expect(receipt.redemption.partnerName == "PiNG")
            #expect(receipt.redemption.pass.serial.value == 7)
            #expect(receipt.redemption.value.value == 1250)
            #expect(receipt.redemption.redeemedAt == ServiceFixture.now)
            // The first redemption of a new list: a version-2 receipt at the start of the chain.
            #expect(receipt.version == 2 && receipt.redemption.chainPrevious == .start)

            let (again, refusal) = try await client.redeem(ServiceFixture.token(7, cents: 1250), key: fixture.secoursKey)
            #expect(again == .conflict)
            #expect(refusal["error"] as? String == "already_spent")
            #expect(refusal["firstRedeemedAt"] as? String == "2026-11-18T11:06:40.000Z")
            #expect(refusal["message"] is String)
            #expect(refusal["redeemedByYou"] as? Bool == false)
            #expect(refusal["receipt"] == nil)

            // The first partner retrying (its 201 was lost) hears it was theirs, with the receipt.
            let (retry, mine) = try await client.redeem(ServiceFixture.token(7, cents: 1250), key: fixture.pingKey)
            #expect(retry == .conflict)
            #expect(mine["redeemedByYou"] as? Bool == true)
            let resent = try Receipt.verify(text: mine["receipt"] as? String ?? "", publicKey: ServiceFixture.receiptKey.publicKey)
            #expect(resent == receipt)
        }
    }

    @Test(arguments: ServiceFixture.refusedTokens, StoreKind.allCases) func eachVerifierReasonIs422WithThatReasonAndNothingIsRecorded(_ pair: (String, String), _ kind: StoreKind) async throws {
        let (reason, token) = pair
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (status, json) = try await client.redeem(token, key: fixture.pingKey)
            #expect(status == .unprocessableContent)
            #expect(json["error"] as? String == reason)
            #expect(json["message"] is String)
        }
        #expect(try await fixture.store.feed(after: .start, limit: 10).items.isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func aReplacedTrustListTakesEffectAtOnce(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            #expect(try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey).0 == .created)
            let year: TimeInterval = 365 * 86_400
            fixture.service.replaceTrustList(try TrustList(keys: [
                .init(publicKey: ServiceFixture.active.publicKey, issuer: "Nantes Métropole", notBefore: ServiceFixture.now - year,
                      notAfter: ServiceFixture.now + year, status: .revoked),
            ]))
            let (status, json) = try await client.redeem(ServiceFixture.token(2), key: fixture.pingKey)
            #expect(status == .unprocessableContent)
            #expect(json["error"] as? String == "key_revoked")
        }
    }

    @Test(arguments: StoreKind.allCases) func aRevokedPassIs422Revoked(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let kid = ServiceFixture.active.kid.text
            let (created, revocation, _) = try await client.call(
                .post, "/v1/revocations", key: fixture.adminKey, body: #"{"kid":"\#(kid)","first":10,"last":14,"reason":"carnet lost"}"#)
            #expect(created == .created)
            #expect(revocation["new"] as? Bool == true)
            let (status, json) = try await client.redeem(ServiceFixture.token(12), key: fixture.pingKey)
            #expect(status == .unprocessableContent)
            #expect(json["error"] as? String == "revoked")
            let (_, state, _) = try await client.call(.get, "/v1/passes/\(kid)/12", key: fixture.pingKey)
            #expect(state["state"] as? String == "revoked")
            #expect(state["reason"] as? String == "carnet lost")
        }
    }

    @Test(arguments: [
        ("{\"token\": ", "malformed_json"),
        ("not json at all", "malformed_json"),
        ("[\"token\"]", "invalid_body"),
        ("{}", "invalid_body"),
        ("{\"token\": 42}", "invalid_body"),
        ("{\"token\": \"\(ServiceFixture.token(1))\", \"value\": 100000}", "invalid_body"),
    ], StoreKind.allCases) func badBodiesAre400AndRecordNothing(_ pair: (String, String), _ kind: StoreKind) async throws {
        let (body, code) = pair
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (status, json, _) = try await client.call(.post, "/v1/redemptions", key: fixture.pingKey, body: body)
            #expect(status == .badRequest)
            #expect(json["error"] as? String == code)
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
    }

    @Test(arguments: StoreKind.allCases) func aBodyOverFourKiBIs413(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let body = #"{"token":"\#(ServiceFixture.token(1))","pad":"\#(String(repeating: "x", count: 5000))"}"#
            let (status, json, _) = try await client.call(.post, "/v1/redemptions", key: fixture.pingKey, body: body)
            #expect(status == .contentTooLarge)
            #expect(json["error"] as? String == "body_too_large")
        }
    }

    @Test(arguments: [nil, "pnk_nobody", "Basic cG5rX3Bpbmc=", ""], StoreKind.allCases) func missingOrUnknownKeysAre401AndRecordNothing(key: String?, _ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            var headers: HTTPFields = [.contentType: "application/json"]
            if let key { headers[.authorization] = key.hasPrefix("Basic") ? key : "Bearer \(key)" }
            let response = try await client.execute(
                uri: "/v1/redemptions", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"token":"\#(ServiceFixture.token(1))"}"#))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            #expect(json?["error"] as? String == "unauthorized")
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
    }

    /// The scheme in any case and spaces around the two words are fine (RFC 9110 §11.1); a third
    /// word, a longer scheme or a missing key are not.
    @Test(arguments: [
        ("bearer KEY", true), ("BEARER  KEY ", true), (" Bearer KEY", true),
        ("Bearer KEY extra", false), ("Bearers KEY", false), ("Bearer", false), ("Bear KEY", false),
    ], StoreKind.allCases) func theAuthorizationHeaderIsReadWordByWord(_ pair: (String, Bool), _ kind: StoreKind) async throws {
        let (header, accepted) = pair
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let headers: HTTPFields = [
                .contentType: "application/json",
                .authorization: header.replacingOccurrences(of: "KEY", with: fixture.pingKey),
            ]
            let response = try await client.execute(
                uri: "/v1/redemptions", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"token":"\#(ServiceFixture.token(1))"}"#))
            #expect(response.status == (accepted ? .created : .unauthorized))
        }
    }

    @Test(arguments: StoreKind.allCases) func aDisabledPartnerIs401AndRecordsNothing(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        _ = try await fixture.store.disablePartner(name: "PiNG", at: ServiceFixture.now)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (status, json) = try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey)
            #expect(status == .unauthorized)
            #expect(json["error"] as? String == "unauthorized")
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
    }

    @Test(arguments: StoreKind.allCases) func theAdminKeyCannotRedeemAndPartnerKeysCannotRevoke(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let (asAdmin, _) = try await client.redeem(ServiceFixture.token(1), key: fixture.adminKey)
            #expect(asAdmin == .forbidden)
            let (asPartner, json, _) = try await client.call(
                .post, "/v1/revocations", key: fixture.pingKey, body: #"{"kid":"\#(ServiceFixture.active.kid)","first":1,"reason":"x"}"#)
            #expect(asPartner == .forbidden)
            #expect(json["error"] as? String == "forbidden")
        }
    }
}
