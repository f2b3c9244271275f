import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassVerifier
import SpentList
import SpentListAPI
import SpentListServer
import Testing

/// Hand-overs at offices (issue 13 §1): office keys record them and do nothing else; with the
/// programme's `requireHandout`, a pass of a carnet never handed out is refused, online and at
/// sync; the grace period accepts a pass a little after its expiry.
@Suite struct HandoutRouteTests {
    static func handout(_ first: UInt64) -> String {
        API.text(API.HandoutRequest(kid: ServiceFixture.active.kid.text, first: first, count: 5))
    }

    @Test func anOfficeRecordsACarnetOnceAndItsKeyOpensNothingElse() async throws {
        let fixture = try await ServiceFixture()
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (created, first, _) = try await client.call(.post, "/v1/handouts", key: fixture.officeKey, body: Self.handout(6))
            #expect(created == .created)
            #expect(first["office"] as? String == "CCAS Nord" && first["last"] as? Int == 10 && first["new"] as? Bool == true)
            let (again, second, _) = try await client.call(.post, "/v1/handouts", key: fixture.officeKey, body: Self.handout(6))
            #expect(again == .ok && second["new"] as? Bool == false && second["handedOutAt"] as? String == first["handedOutAt"] as? String)
            // A partner cannot record hand-overs; an office cannot redeem, read settlements or the feed.
            #expect(try await client.call(.post, "/v1/handouts", key: fixture.pingKey, body: Self.handout(11)).0 == .forbidden)
            #expect(try await client.redeem(ServiceFixture.token(6), key: fixture.officeKey).0 == .forbidden)
            for path in ["/v1/settlement?from=2026-11-01&to=2026-12-01", "/v1/spent", "/v1/conflicts?from=2026-11-01&to=2026-12-01"] {
                #expect(try await client.call(.get, path, key: fixture.officeKey).0 == .forbidden, "\(path)")
            }
            // The feed carries the hand-over for counters' replicas.
            let (_, feed, _) = try await client.call(.get, "/v1/spent", key: fixture.pingKey)
            let items = try #require(feed["items"] as? [[String: Any]])
            #expect(items.contains { $0["kind"] as? String == "handed_out" && $0["first"] as? Int == 6 && $0["last"] as? Int == 10 })
        }
    }

    @Test func aCancelledCarnetIsNotHandedOut() async throws {
        let fixture = try await ServiceFixture()
        let kid = ServiceFixture.active.kid
        _ = try await fixture.store.revoke(try Revocation(kid: kid, first: Serial(13)!, last: Serial(13)!, reason: "volé", revokedAt: ServiceFixture.now))
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.post, "/v1/handouts", key: fixture.officeKey, body: Self.handout(11))
            #expect(status == .unprocessableContent && json["error"] as? String == "revoked")
        }
        #expect(try await fixture.store.handout(of: PassRef(kid: kid, serial: Serial(11)!)) == nil)
    }

    /// A stolen box of carnets is worthless once the programme requires hand-over.
    @Test func aCarnetNotHandedOutIsRefusedWhenTheProgrammeSaysSo() async throws {
        let fixture = try await ServiceFixture()
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            // Off (the default): any genuine pass is taken.
            #expect(try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey).0 == .created)
            var settings = API.Programme.standard
            settings.requireHandout = true
            try await fixture.store.setProgramme(settings)
            try await Task.sleep(for: .milliseconds(1100))  // the service reads settings at most once a second
            let (refused, json) = try await client.redeem(ServiceFixture.token(7), key: fixture.pingKey)
            #expect(refused == .unprocessableContent && json["error"] as? String == "not_distributed")
            let offline = #"{"items":[{"token":"\#(ServiceFixture.token(8))","scannedAt":"2026-11-18T10:00:00Z"}]}"#
            let (_, sync, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: offline)
            #expect((sync["results"] as? [[String: Any]])?.first?["reason"] as? String == "not_distributed")
            _ = try await client.call(.post, "/v1/handouts", key: fixture.officeKey, body: Self.handout(6))
            #expect(try await client.redeem(ServiceFixture.token(7), key: fixture.pingKey).0 == .created)
            let (_, programme, _) = try await client.call(.get, "/v1/programme", key: fixture.pingKey)
            #expect(programme["requireHandout"] as? Bool == true)
        }
    }

    @Test func theGracePeriodAcceptsAPassAFewDaysAfterItsExpiryAndNoLater() async throws {
        let fixture = try await ServiceFixture()
        var settings = API.Programme.standard
        settings.graceDays = 10
        try await fixture.store.setProgramme(settings)
        let day: TimeInterval = 86_400
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            #expect(try await client.redeem(ServiceFixture.token(1, expiry: ServiceFixture.now - 9 * day), key: fixture.pingKey).0 == .created)
            let (late, json) = try await client.redeem(ServiceFixture.token(2, expiry: ServiceFixture.now - 11 * day), key: fixture.pingKey)
            #expect(late == .unprocessableContent && json["error"] as? String == "expired")
        }
    }

    /// Issue 13 §2: the partner that redeemed a pass records the kind of help, once, from the
    /// programme's list; nobody else can.
    @Test func thePartnerRecordsTheKindOfHelpGivenOnce() async throws {
        let fixture = try await ServiceFixture()
        let path = "/v1/redemptions/\(ServiceFixture.active.kid.text)/1/help"
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            #expect(try await client.call(.post, path, key: fixture.pingKey, body: #"{"kind":"cv"}"#).0 == .notFound, "not redeemed yet")
            #expect(try await client.redeem(ServiceFixture.token(1), key: fixture.pingKey).0 == .created)
            #expect(try await client.call(.post, path, key: fixture.secoursKey, body: #"{"kind":"cv"}"#).0 == .notFound, "another partner's redemption")
            let (unknown, json, _) = try await client.call(.post, path, key: fixture.pingKey, body: #"{"kind":"astrology"}"#)
            #expect(unknown == .unprocessableContent && json["error"] as? String == "unknown_help_kind")
            let (ok, help, _) = try await client.call(.post, path, key: fixture.pingKey, body: #"{"kind":"cv"}"#)
            #expect(ok == .ok && help["kind"] as? String == "cv")
            #expect(try await client.call(.post, path, key: fixture.pingKey, body: #"{"kind":"mailbox"}"#).0 == .notFound, "the first kind stays")
        }
    }

    @Test func settingsOutOfRangeAreRefused() async throws {
        let fixture = try await ServiceFixture()
        for bad in [API.Programme(requireHandout: false, helpKinds: ["cv"], graceDays: 400),
                    API.Programme(requireHandout: false, helpKinds: [], graceDays: 0),
                    API.Programme(requireHandout: false, helpKinds: ["CV Écrit"], graceDays: 0)] {
            await #expect(throws: SpentListError.self) { try await fixture.store.setProgramme(bad) }
        }
        #expect(try await fixture.store.programme() == .standard)
    }
}
