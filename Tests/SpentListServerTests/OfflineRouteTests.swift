import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PassIssuer
import PassVerifier
import SpentList
import SpentListAPI
import SpentListServer
import TestStores
import Testing

/// `POST /v1/offline-redemptions`, `GET /v1/conflicts` and `GET /v1/trustlist`.
@Suite struct OfflineRouteTests {
    static func body(_ items: [(String, String)]) -> String {
        API.text(API.OfflineRedemptionRequest(items: items.map { API.OfflineItem(token: $0.0, scannedAt: Timestamp(text: $0.1)!) }))
    }

    static let hourAgo = "2026-11-18T10:06:40.000Z"  // ServiceFixture.now - 1 h

    @Test(arguments: StoreKind.allCases) func acceptedThenResentThenAConflictForAnotherPartner(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        try await app.test(.router) { client in
            let items = Self.body([(ServiceFixture.token(7, cents: 1250), Self.hourAgo)])
            let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: items)
            #expect(status == .ok)
            #expect(json["accepted"] as? Int == 1 && json["conflicts"] as? Int == 0)
            let result = try #require((json["results"] as? [[String: Any]])?.first)
            #expect(result["status"] as? String == "accepted")
            #expect(result["serial"] as? Int == 7 && result["valueCents"] as? Int == 1250)
            #expect(result["redeemedAt"] as? String == Self.hourAgo, "redeemed at the scan time, not at sync")
            let receipt = try Receipt.verify(text: result["receipt"] as? String ?? "", publicKey: ServiceFixture.receiptKey.publicKey)
            #expect(receipt.redemption.partnerName == "PiNG")

            let (_, again, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: items)
            #expect((again["results"] as? [[String: Any]])?.first?["status"] as? String == "accepted", "a resend is accepted again")

            let late = Self.body([(ServiceFixture.token(7, cents: 1250), "2026-11-18T10:30:00Z")])
            let (_, other, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.secoursKey, body: late)
            let conflict = try #require((other["results"] as? [[String: Any]])?.first)
            #expect(conflict["status"] as? String == "conflict")
            #expect(conflict["reason"] as? String == "already_spent")
            #expect(conflict["firstRedeemedAt"] as? String == Self.hourAgo)
            #expect(conflict["scannedAt"] as? String == "2026-11-18T10:30:00.000Z")
            #expect(other["accepted"] as? Int == 0 && other["conflicts"] as? Int == 1)
            _ = try await client.call(.post, "/v1/offline-redemptions", key: fixture.secoursKey, body: late)

            // Both partners see the conflict, with both names and both times; it is recorded once.
            for key in [fixture.pingKey, fixture.secoursKey, fixture.adminKey] {
                let (status, list, _) = try await client.call(.get, "/v1/conflicts?from=2026-11-01&to=2026-12-01", key: key)
                #expect(status == .ok)
                let conflicts = try #require(list["conflicts"] as? [[String: Any]])
                #expect(conflicts.count == 1)
                #expect(conflicts.first?["partner"] as? String == "Secours" && conflicts.first?["firstPartner"] as? String == "PiNG")
                #expect(conflicts.first?["scannedAt"] as? String == "2026-11-18T10:30:00.000Z")
                #expect(conflicts.first?["firstRedeemedAt"] as? String == Self.hourAgo)
            }
            let (_, settlement, _) = try await client.call(.get, "/v1/settlement?from=2026-11-01&to=2026-12-01", key: fixture.adminKey)
            #expect((settlement["conflicts"] as? [[String: Any]])?.count == 1)
            #expect(settlement["count"] as? Int == 1, "the conflict is not paid")
        }
    }

    @Test(arguments: StoreKind.allCases) func tokensAreVerifiedAtTheirScanTime(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        let expiredAtNoon = ServiceFixture.now - 1800  // expired by now, valid an hour ago
        try await app.test(.router) { client in
            let body = Self.body([
                (ServiceFixture.token(1, expiry: expiredAtNoon), Self.hourAgo),
                (ServiceFixture.token(2, expiry: ServiceFixture.now - 7200), Self.hourAgo),
                (ServiceFixture.token(3), "2026-11-18T12:00:00Z"),
                (ServiceFixture.token(4), "2024-01-01T00:00:00Z"),
                (ServiceFixture.token(5, key: ServiceFixture.revokedKey), Self.hourAgo),
                ("12345", Self.hourAgo),
            ])
            let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: body)
            #expect(status == .ok)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? String } == ["accepted", "conflict", "conflict", "conflict", "conflict", "conflict"])
            #expect(results.map { $0["reason"] as? String } == [nil, "expired", "scanned_in_future", "scanned_too_long_ago", "key_revoked", "malformed"])
            #expect(results[5]["kid"] == nil, "not a pass: nothing to key it by")
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .spent(at: ServiceFixture.now - 3600))
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(2)!)) == .unspent)
        #expect(try await fixture.store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil).count == 4)
    }

    @Test(arguments: StoreKind.allCases) func badRequestsAndKeysAreRefused(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = Application(router: fixture.service.buildRouter())
        let token = ServiceFixture.token(1)
        try await app.test(.router) { client in
            let good = Self.body([(token, Self.hourAgo)])
            #expect(try await client.call(.post, "/v1/offline-redemptions", body: good).0 == .unauthorized)
            #expect(try await client.call(.post, "/v1/offline-redemptions", key: "pnk_nobody", body: good).0 == .unauthorized)
            #expect(try await client.call(.post, "/v1/offline-redemptions", key: fixture.adminKey, body: good).0 == .forbidden)
            let bad = [
                "{", #"{"items":[]}"#, #"{"items":{}}"#, #"{"items":[],"extra":1}"#,
                #"{"items":[{"token":"\#(token)"}]}"#,
                #"{"items":[{"token":"\#(token)","scannedAt":"yesterday"}]}"#,
                #"{"items":[{"token":1,"scannedAt":"\#(Self.hourAgo)"}]}"#,
                #"{"items":[{"token":"\#(token)","scannedAt":"\#(Self.hourAgo)","x":1}]}"#,
                Self.body(Array(repeating: ("1", Self.hourAgo), count: 1001)),
            ]
            for body in bad {
                let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: body)
                #expect(status == .badRequest, "\(body.prefix(80))")
                #expect(json["error"] is String && json["message"] is String)
            }
            #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
            let (big, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: String(repeating: " ", count: 400_000))
            #expect(big == .contentTooLarge && json["error"] as? String == "body_too_large")
            // 1000 items of ~260 bytes fit.
            let many = Self.body((1...1000).map { (ServiceFixture.token(UInt64($0)), Self.hourAgo) })
            let (ok, answer, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: many)
            #expect(ok == .ok && answer["accepted"] as? Int == 1000)
            #expect(try await client.call(.get, "/v1/conflicts?from=2026-11-01&to=2026-12-01").0 == .unauthorized)
            #expect(try await client.call(.get, "/v1/conflicts?from=2026-11&to=2026-12-01", key: fixture.pingKey).0 == .badRequest)
        }
    }

    @Test(arguments: StoreKind.allCases) func theTrustListIsServedAsItsFileBytesAndReplacedOnReload(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let list = fixture.service.verifier.trustList
        var object = try #require(try JSONSerialization.jsonObject(with: list.json()) as? [String: Any])
        object["note"] = "a field this version does not know"
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let service = Service(store: fixture.store, trustList: list, trustListJSON: bytes, signer: ReceiptSigner(key: ServiceFixture.receiptKey), logger: logger)
        let app = Application(router: service.buildRouter())
        try await app.test(.router) { client in
            #expect(try await client.call(.get, "/v1/trustlist").0 == .unauthorized)
            let (status, _, response) = try await client.call(.get, "/v1/trustlist", key: fixture.pingKey)
            #expect(status == .ok)
            #expect(Data(response.body.readableBytesView) == bytes)
            #expect(try await client.call(.get, "/v1/trustlist", key: fixture.adminKey).0 == .ok)
            let smaller = try TrustList(keys: [list.keys[0]])
            service.replaceTrustList(smaller)
            let (_, _, after) = try await client.call(.get, "/v1/trustlist", key: fixture.pingKey)
            #expect(try TrustList(json: Data(after.body.readableBytesView)).keys.count == 1)
        }
    }

    /// Issue 13 §2 offline: an item's kind of help is recorded with its redemption when it is
    /// one of the programme's and the pass counts; another kind is left out (the pass still
    /// counts); a conflict records none; a kind that is not a string is a bad body.
    @Test(arguments: StoreKind.allCases) func theKindOfHelpTravelsWithTheItem(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            _ = try await client.redeem(ServiceFixture.token(3), key: fixture.secoursKey)
            let items = [("cv", 1), ("astrology", 2), ("cv", 3)].map { kind, serial in
                API.OfflineItem(token: ServiceFixture.token(UInt64(serial)), scannedAt: Timestamp(text: Self.hourAgo)!, helpKind: kind)
            }
            let (status, json, _) = try await client.call(
                .post, "/v1/offline-redemptions", key: fixture.pingKey, body: API.text(API.OfflineRedemptionRequest(items: items)))
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(status == .ok && results.map { $0["status"] as? String } == ["accepted", "accepted", "conflict"])
            #expect(results.map { $0["helpKind"] as? String } == ["cv", nil, nil])
            let help = { (serial: Int, key: String) in
                try await client.call(.post, "/v1/redemptions/\(ServiceFixture.active.kid.text)/\(serial)/help", key: key, body: #"{"kind":"mailbox"}"#).0
            }
            #expect(try await help(1, fixture.pingKey) == .notFound, "cv is recorded with pass 1: the first kind stays")
            #expect(try await help(2, fixture.pingKey) == .ok, "astrology was left out")
            #expect(try await help(3, fixture.secoursKey) == .ok, "the conflict gave the winner's redemption no kind")

            let bad = #"{"items":[{"token":"1","scannedAt":"2026-11-18T10:00:00Z","helpKind":5}]}"#
            #expect(try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: bad).0 == .badRequest)
        }
    }
}
