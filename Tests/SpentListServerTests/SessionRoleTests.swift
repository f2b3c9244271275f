import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpentList
import SpentListAPI
@testable import SpentListServer
import Testing

/// Sessions for every principal: an office's key and the admin key are exchanged for a cookie
/// of their role as a partner's is, and each cookie opens exactly the routes its key opens as a
/// bearer key. The role is signed into the cookie and must still be the key's.
@Suite struct SessionRoleTests {
    typealias Client = any TestClientProtocol

    static func session(_ client: Client, key: String) async throws -> (cookie: String, session: API.Session, header: String) {
        let response = try await WebCounterRouteTests.signIn(client, key: key)
        #expect(response.status == .created, "\(key)")
        let header = try #require(response.headers[.setCookie])
        return (try WebCounterRouteTests.cookie(response), try API.decodeAnswer(API.Session.self, from: Data(buffer: response.body)), header)
    }

    static func status(_ client: Client, _ method: HTTPRequest.Method, _ uri: String, cookie: String, body: String? = nil) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.cookie: cookie]
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }).status
    }

    /// A service with the web pages and `key` signing its cookies, on a new fixture.
    static func withService(key: SessionKey = .random(), _ body: @escaping @Sendable (ServiceFixture, Client) async throws -> Void) async throws {
        let fixture = try await ServiceFixture()
        try await Application(router: try WebCounterRouteTests.service(fixture, key: key).buildRouter()).test(.router) { client in
            try await body(fixture, client)
        }
    }

    static let handout = API.text(API.HandoutRequest(kid: ServiceFixture.active.kid.text, first: 1, count: 5))
    static let revocation = #"{"kid":"\#(ServiceFixture.active.kid.text)","first":40,"reason":"lost"}"#

    @Test func anOfficeKeySignsInAsAnOfficeAndItsSessionOnlyRecordsHandOvers() async throws {
        try await Self.withService { fixture, client in
            let (cookie, session, header) = try await Self.session(client, key: fixture.officeKey)
            #expect(session == API.Session(role: .office, office: "CCAS Nord", expiresAt: Timestamp(ServiceFixture.now + 12 * 3600)))
            #expect(header.contains("Max-Age=43200") && header.contains("HttpOnly") && header.contains("SameSite=Strict"))
            let who = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: who.body).contains(#""role":"office""#) && String(buffer: who.body).contains(#""office":"CCAS Nord""#))
            #expect(try await Self.status(client, .post, "/v1/handouts", cookie: cookie, body: Self.handout) == .created)
            #expect(try await Self.status(client, .post, "/v1/frames?width=16&height=16", cookie: cookie) == .badRequest, "frames are read for offices")
            let token = API.text(API.RedemptionRequest(token: ServiceFixture.token(3)))
            #expect(try await Self.status(client, .post, "/v1/redemptions", cookie: cookie, body: token) == .forbidden)
            #expect(try await Self.status(client, .get, "/v1/settlement?from=2026-11-01&to=2026-12-01", cookie: cookie) == .forbidden)
            #expect(try await Self.status(client, .post, "/v1/revocations", cookie: cookie, body: Self.revocation) == .forbidden)
            #expect(try await Self.status(client, .get, "/v1/statement?month=2026-11", cookie: cookie) == .forbidden)
        }
    }

    @Test func theAdminKeySignsInForTwoHoursAndItsSessionOpensTheAdminRoutesOnly() async throws {
        try await Self.withService { fixture, client in
            _ = try await client.call(.post, "/v1/redemptions", key: fixture.pingKey, body: API.text(API.RedemptionRequest(token: ServiceFixture.token(4))))
            let (cookie, session, header) = try await Self.session(client, key: fixture.adminKey)
            #expect(session == API.Session(role: .admin, expiresAt: Timestamp(ServiceFixture.now + 2 * 3600)))
            #expect(header.contains("Max-Age=7200"))
            let settlement = try await client.execute(uri: "/v1/settlement?from=2026-11-01&to=2026-12-01", method: .get, headers: [.cookie: cookie])
            #expect(settlement.status == .ok && String(buffer: settlement.body).contains("PiNG"))
            #expect(try await Self.status(client, .post, "/v1/revocations", cookie: cookie, body: Self.revocation) == .created)
            #expect(try await Self.status(client, .get, "/v1/programme", cookie: cookie) == .ok)
            let token = API.text(API.RedemptionRequest(token: ServiceFixture.token(5)))
            #expect(try await Self.status(client, .post, "/v1/redemptions", cookie: cookie, body: token) == .forbidden)
            #expect(try await Self.status(client, .post, "/v1/handouts", cookie: cookie, body: Self.handout) == .forbidden)
            #expect(try await Self.status(client, .post, "/v1/frames?width=16&height=16", cookie: cookie) == .forbidden)
            #expect(try await Self.status(client, .get, "/v1/statement?month=2026-11", cookie: cookie) == .forbidden)
        }
    }

    @Test func aPartnerSessionCannotRecordHandOversNorRevoke() async throws {
        try await Self.withService { fixture, client in
            let (cookie, session, _) = try await Self.session(client, key: fixture.pingKey)
            #expect(session == API.Session(role: .partner, partner: "PiNG", expiresAt: Timestamp(ServiceFixture.now + 12 * 3600)))
            #expect(try await Self.status(client, .post, "/v1/handouts", cookie: cookie, body: Self.handout) == .forbidden)
            #expect(try await Self.status(client, .post, "/v1/revocations", cookie: cookie, body: Self.revocation) == .forbidden)
        }
    }

    /// A cookie the service signed, with a role its key does not hold (as a leaked session key
    /// could make), or with its role byte changed, opens nothing.
    @Test func aSessionWhoseRoleIsNotItsKeysIsRefused() async throws {
        let key = SessionKey.random()
        let expires = ServiceFixture.now + 3600
        try await Self.withService(key: key) { fixture, client in
            for (role, account) in [(API.Session.Role.admin, fixture.pingKey), (.office, fixture.pingKey), (.partner, fixture.officeKey), (.partner, fixture.adminKey)] {
                let value = SessionCookie(role: role, keyHash: APIKey(text: account).hash, expires: expires).value(key)
                let cookie = "\(SessionCookie.name)=\(value)"
                #expect(try await Self.status(client, .get, "/v1/session", cookie: cookie) == .unauthorized, "\(role) \(account)")
            }
            let genuine = SessionCookie(role: .partner, keyHash: APIKey(text: fixture.pingKey).hash, expires: expires).value(key)
            var bytes = try #require(Base64URL.decode(genuine))
            #expect(try await Self.status(client, .get, "/v1/session", cookie: "\(SessionCookie.name)=\(genuine)") == .ok)
            bytes[0] = 3  // the admin's role byte, without the service's MAC
            #expect(try await Self.status(client, .get, "/v1/session", cookie: "\(SessionCookie.name)=\(Base64URL.encode(bytes))") == .unauthorized)
        }
    }

    @Test func disablingTheOfficeOrReplacingTheAdminKeyEndsTheirSessions() async throws {
        try await Self.withService { fixture, client in
            let office = try await Self.session(client, key: fixture.officeKey).cookie
            let admin = try await Self.session(client, key: fixture.adminKey).cookie
            _ = try await fixture.store.disablePartner(name: "CCAS Nord", at: ServiceFixture.now)
            try await fixture.store.setAdminKey(APIKey(text: "pna_another-admin-key").hash, at: ServiceFixture.now)
            try await Task.sleep(for: .milliseconds(1100))  // past the partner cache's second
            #expect(try await Self.status(client, .get, "/v1/session", cookie: office) == .unauthorized)
            #expect(try await Self.status(client, .get, "/v1/session", cookie: admin) == .unauthorized)
            #expect(try await WebCounterRouteTests.signIn(client, key: fixture.officeKey).status == .unauthorized)
        }
    }
}
