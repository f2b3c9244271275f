import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassVerifier
import SpentList
import SpentListServer
import TestStores
import Testing

@Suite struct OtherRouteTests {
    @Test(arguments: StoreKind.allCases) func unknownRoutesAre404JSON(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            for path in ["/", "/v2/redemptions", "/v1/passes/abc", "/healthz/x"] {
                let (status, json, response) = try await client.call(.get, path, key: fixture.pingKey)
                #expect(status == .notFound, "\(path)")
                #expect(json["error"] as? String == "not_found")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func wrongMethodsAre405JSONWithAllow(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            for (method, path, allow) in [
                (HTTPRequest.Method.get, "/v1/redemptions", "POST"), (.delete, "/v1/redemptions", "POST"),
                (.post, "/healthz", "GET"), (.put, "/v1/spent", "GET"), (.post, "/v1/passes/7f26c5a0/1", "GET"),
                (.trace, "/v1/trustlist", "GET"), (.options, "/v1/redemptions", "POST"), (HTTPRequest.Method("QUERY")!, "/healthz", "GET"),
            ] {
                let (status, json, response) = try await client.call(method, path, key: fixture.pingKey)
                #expect(status == .methodNotAllowed, "\(method) \(path)")
                #expect(json["error"] as? String == "method_not_allowed")
                #expect(response.headers[.allow] == allow)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func passStatesAreUnspentSpentOrRevoked(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let kid = ServiceFixture.active.kid.text
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            var (status, json, _) = try await client.call(.get, "/v1/passes/\(kid)/5", key: fixture.pingKey)
            #expect(status == .ok && json["state"] as? String == "unspent" && json["serial"] as? Int == 5)
            _ = try await client.redeem(ServiceFixture.token(5), key: fixture.pingKey)
            (status, json, _) = try await client.call(.get, "/v1/passes/\(kid)/5", key: fixture.secoursKey)
            #expect(json["state"] as? String == "spent" && json["redeemedAt"] as? String == "2026-11-18T11:06:40.000Z")
            (status, _, _) = try await client.call(.get, "/v1/passes/XYZ/5", key: fixture.pingKey)
            #expect(status == .badRequest)
            (status, _, _) = try await client.call(.get, "/v1/passes/\(kid)/0", key: fixture.pingKey)
            #expect(status == .badRequest)
            (status, _, _) = try await client.call(.get, "/v1/passes/\(kid)/5")
            #expect(status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases) func theFeedPagesWithCursors(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            for serial in 1...3 { _ = try await client.redeem(ServiceFixture.token(UInt64(serial)), key: fixture.pingKey) }
            _ = try await client.call(.post, "/v1/revocations", key: fixture.adminKey,
                                      body: #"{"kid":"\#(ServiceFixture.active.kid)","first":100,"last":109,"reason":"stolen"}"#)
            let (status, page, _) = try await client.call(.get, "/v1/spent?limit=2", key: fixture.pingKey)
            #expect(status == .ok)
            let items = page["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["first"] as? Int } == [1, 2])
            #expect(page["more"] as? Bool == true)
            let next = try #require(page["next"] as? String)
            let (_, rest, _) = try await client.call(.get, "/v1/spent?after=\(next)", key: fixture.pingKey)
            let restItems = rest["items"] as? [[String: Any]] ?? []
            #expect(restItems.map { $0["kind"] as? String } == ["spent", "revoked"])
            #expect(restItems.last?["last"] as? Int == 109)
            #expect(rest["more"] as? Bool == false)
            let (bad, _, _) = try await client.call(.get, "/v1/spent?after=abc", key: fixture.pingKey)
            #expect(bad == .badRequest)
        }
    }

    @Test(arguments: StoreKind.allCases) func aPartnerSeesOnlyItsOwnSettlementAndTheAdminSeesAll(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            _ = try await client.redeem(ServiceFixture.token(1, cents: 1000), key: fixture.pingKey)
            _ = try await client.redeem(ServiceFixture.token(2, cents: 500), key: fixture.pingKey)
            _ = try await client.redeem(ServiceFixture.token(3, cents: 250), key: fixture.secoursKey)
            let period = "/v1/settlement?from=2026-11-01&to=2026-12-01"

            let (_, own, _) = try await client.call(.get, period, key: fixture.secoursKey)
            let ownPartners = own["partners"] as? [[String: Any]] ?? []
            #expect(ownPartners.map { $0["partner"] as? String } == ["Secours"])
            #expect(own["totalCents"] as? Int == 250)
            // A partner cannot widen its view with ?partner=.
            let (_, sneaky, _) = try await client.call(.get, period + "&partner=PiNG", key: fixture.secoursKey)
            #expect((sneaky["partners"] as? [[String: Any]])?.map { $0["partner"] as? String } == ["Secours"])

            let (_, all, _) = try await client.call(.get, period, key: fixture.adminKey)
            let allPartners = all["partners"] as? [[String: Any]] ?? []
            #expect(allPartners.map { $0["partner"] as? String } == ["PiNG", "Secours"])
            #expect(allPartners.map { $0["count"] as? Int } == [2, 1])
            #expect(all["totalCents"] as? Int == 1750)
            let passes = allPartners.first?["passes"] as? [[String: Any]] ?? []
            #expect(passes.map { $0["serial"] as? Int } == [1, 2])

            let (_, _, csv) = try await client.call(.get, period + "&format=csv", key: fixture.adminKey)
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first == "partner,kid,serial,value_cents,redeemed_at")
            #expect(lines.count == 4)
            #expect(lines.last == "\"Secours\",\(ServiceFixture.active.kid),3,250,2026-11-18T11:06:40.000Z")

            let (december, _, _) = try await client.call(.get, "/v1/settlement?from=2026-12-01&to=2027-01-01", key: fixture.adminKey)
            #expect(december == .ok)
            let (bad, _, _) = try await client.call(.get, "/v1/settlement?from=2026-13-01&to=2027-01-01", key: fixture.adminKey)
            #expect(bad == .badRequest)
        }
    }

    @Test(arguments: StoreKind.allCases) func healthAndMetricsAnswerAnyone(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            _ = try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey)
            _ = try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey)
            _ = try await client.redeem("123", key: fixture.pingKey)
            let (health, json, _) = try await client.call(.get, "/healthz")
            #expect(health == .ok && json["status"] as? String == "ok")
            let (status, _, response) = try await client.call(.get, "/metrics")
            #expect(status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains(#"passnum_redemptions_total{outcome="redeemed"} 1"#))
            #expect(text.contains(#"passnum_redemptions_total{outcome="already_spent"} 1"#))
            #expect(text.contains(#"passnum_redemptions_total{outcome="rejected"} 1"#))
            #expect(text.contains("passnum_redemption_duration_seconds_count 3"))
            #expect(text.contains("passnum_redemption_duration_seconds_bucket{le="))
        }
    }

    @Test func theTrustRootIsPublishedWithItsFingerprintOr204WhenNoneIsPinned() async throws {
        let fixture = try await ServiceFixture()
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.get, "/v1/trust-root")
            #expect(status == .noContent && json.isEmpty)
        }
        let root = ServiceFixture.receiptKey.publicKey  // any valid Ed25519 public key will do
        let pinned = Service(store: fixture.store, trustList: fixture.service.verifier.trustList,
                             signer: ReceiptSigner(key: ServiceFixture.receiptKey), trustRoot: root)
        try await Application(router: pinned.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.get, "/v1/trust-root")
            #expect(status == .ok)
            #expect(json["kid"] as? String == KeyID(publicKey: root).text)
            #expect(json["publicKey"] as? String == Data(root).base64EncodedString())
            let fingerprint = try #require(json["fingerprint"] as? String)
            #expect(fingerprint.hasPrefix(String(KeyID(publicKey: root).text.prefix(4)) + " " + String(KeyID(publicKey: root).text.suffix(4)) + " "))
            #expect(fingerprint.count == 39)
        }
    }

    @Test(arguments: StoreKind.allCases) func theReceiptKeyIsPublished(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (_, json, _) = try await client.call(.get, "/v1/receipt-key")
            #expect(json["kid"] as? String == KeyID(publicKey: ServiceFixture.receiptKey.publicKey).text)
            #expect(json["publicKey"] as? String == Data(ServiceFixture.receiptKey.publicKey).base64EncodedString())
        }
    }
}
