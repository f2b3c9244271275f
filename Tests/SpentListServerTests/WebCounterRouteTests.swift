import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SpentList
import SpentListAPI
import SpentListServer
import Testing

/// The web counter's side of the service: its pages (types, CSP, revalidation), the session a
/// partner key is exchanged for (SessionRoleTests: the other roles' sessions) (cookie attributes, expiry in words, forged and foreign
/// requests refused), and the camera-frame route's limits. The browser test
/// (scripts/test-web.sh) drives the same routes from Chromium.
@Suite struct WebCounterRouteTests {
    static let webFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Web").path

    static func service(_ fixture: ServiceFixture, clock: Date = ServiceFixture.now, key: SessionKey) throws -> Service {
        Service(
            store: fixture.store, trustList: fixture.service.verifier.trustList, signer: fixture.service.signer, clock: { clock },
            web: try WebFiles(folder: webFolder), sessionKey: key)
    }

    static func signIn(_ client: some TestClientProtocol, key: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await client.execute(uri: "/v1/session", method: .post, headers: headers, body: ByteBuffer(string: API.text(API.SessionRequest(key: key))))
    }

    static func cookie(_ response: TestResponse) throws -> String {
        let header = try #require(response.headers[.setCookie])
        return String(try #require(header.split(separator: ";").first))
    }

    @Test func pagesAreServedWithTheirTypeAStrictPolicyAndRevalidation() async throws {
        let fixture = try await ServiceFixture()
        let app = Application(router: try Self.service(fixture, key: .random()).buildRouter())
        try await app.test(.router) { client in
            for (path, type) in [("/", "text/html"), ("/counter", "text/html"), ("/partner", "text/html"), ("/style.css", "text/css"),
                                 ("/sw.js", "text/javascript"), ("/js/passverify.mjs", "text/javascript")] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe"), "\(path)")
                let tag = try #require(response.headers[.eTag])
                #expect(response.headers[.cacheControl] == "no-cache")
                let again = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag])
                #expect(again.status == .notModified && again.body.readableBytes == 0, "\(path)")
            }
            #expect(try await client.execute(uri: "/counter.html", method: .get).status == .notFound)
        }
    }

    @Test func aPartnerKeyIsExchangedForAStrictCookieThatActsAsThePartner() async throws {
        let fixture = try await ServiceFixture()
        let app = Application(router: try Self.service(fixture, key: .random()).buildRouter())
        try await app.test(.router) { client in
            let response = try await Self.signIn(client, key: fixture.pingKey)
            #expect(response.status == .created)
            let header = try #require(response.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] { #expect(header.contains(attribute), "\(header)") }
            #expect(!header.contains("Secure"), "plain HTTP: no Secure attribute")
            #expect(!header.contains(fixture.pingKey))
            let cookie = try Self.cookie(response)
            let who = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie])
            #expect(who.status == .ok && String(buffer: who.body).contains("\"partner\":\"PiNG\""))
            let redeemed = try await client.execute(
                uri: "/v1/redemptions", method: .post, headers: [.cookie: cookie, .contentType: "application/json"],
                body: ByteBuffer(string: API.text(API.RedemptionRequest(token: ServiceFixture.token(7)))))
            #expect(redeemed.status == .created)
            let secure = try await Self.signIn(client, key: fixture.pingKey, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(secure.headers[.setCookie]?.contains("; Secure") == true)
            let out = try await client.execute(uri: "/v1/session", method: .delete)
            #expect(out.status == .noContent && out.headers[.setCookie]?.contains("Max-Age=0") == true)
        }
    }

    @Test func wrongKeysForgedCookiesAndForeignOriginsAreRefused() async throws {
        let fixture = try await ServiceFixture()
        let app = Application(router: try Self.service(fixture, key: .random()).buildRouter())
        try await app.test(.router) { client in
            #expect(try await Self.signIn(client, key: "pnk_nobody").status == .unauthorized)
            // The admin key signs in (for the dashboard), but its session redeems nothing.
            let admin = try Self.cookie(try await Self.signIn(client, key: fixture.adminKey))
            let byAdmin = try await client.execute(
                uri: "/v1/redemptions", method: .post, headers: [.cookie: admin, .contentType: "application/json"],
                body: ByteBuffer(string: API.text(API.RedemptionRequest(token: ServiceFixture.token(9)))))
            #expect(byAdmin.status == .forbidden)
            #expect(try await client.execute(uri: "/v1/session", method: .get).status == .unauthorized)
            let cookie = try Self.cookie(try await Self.signIn(client, key: fixture.pingKey))
            var forged = Array(cookie.utf8)
            forged[forged.count - 2] = forged[forged.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let refused = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: String(decoding: forged, as: UTF8.self)])
            #expect(refused.status == .unauthorized)
            let foreign = try await client.execute(
                uri: "/v1/redemptions", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json", .origin: "https://elsewhere.example"],
                body: ByteBuffer(string: API.text(API.RedemptionRequest(token: ServiceFixture.token(8)))))
            #expect(foreign.status == .forbidden)
        }
    }

    @Test func aSessionFromAnotherServiceKeyOrPastItsExpiryIsRefusedInWords() async throws {
        let fixture = try await ServiceFixture()
        let key = SessionKey.random()
        let cookie = try await Application(router: try Self.service(fixture, key: key).buildRouter()).test(.router) { client in
            try Self.cookie(try await Self.signIn(client, key: fixture.pingKey))
        }
        let later = try Self.service(fixture, clock: ServiceFixture.now + 12 * 3600 + 1, key: key)
        try await Application(router: later.buildRouter()).test(.router) { client in
            let response = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie])
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains("\"error\":\"session_expired\""))
        }
        let otherKey = try Self.service(fixture, key: .random())
        try await Application(router: otherKey.buildRouter()).test(.router) { client in
            let status = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie]).status
            #expect(status == .unauthorized)
        }
        // Disabling the partner ends its sessions.
        _ = try await fixture.store.disablePartner(name: "PiNG", at: ServiceFixture.now)
        try await Application(router: try Self.service(fixture, key: key).buildRouter()).test(.router) { client in
            let status = try await client.execute(uri: "/v1/session", method: .get, headers: [.cookie: cookie]).status
            #expect(status == .unauthorized)
        }
    }

    @Test func cameraFramesAreBoundedGreyBytes() async throws {
        let fixture = try await ServiceFixture()
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let statuses = [
                try await Self.frame(client, key: fixture.pingKey, "width=64&height=48", 64 * 48),
                try await Self.frame(client, key: fixture.pingKey, "width=64&height=48", 64 * 48 - 1),
                try await Self.frame(client, key: fixture.pingKey, "width=641&height=48", 641 * 48),
                try await Self.frame(client, key: fixture.pingKey, "width=64", 64 * 48),
                try await Self.frame(client, key: fixture.pingKey, "width=64&height=48", 64 * 48, type: "image/jpeg"),
                try await Self.frame(client, key: fixture.pingKey, "width=640&height=640", 640 * 640 + 1),
            ]
            #expect(statuses == [.ok, .badRequest, .badRequest, .badRequest, .unsupportedMediaType, .contentTooLarge])
        }
    }

    static func frame(_ client: some TestClientProtocol, key: String, _ query: String, _ bytes: Int, type: String = "application/octet-stream") async throws -> HTTPResponse.Status {
        try await client.execute(
            uri: "/v1/frames?\(query)", method: .post, headers: [.authorization: "Bearer \(key)", .contentType: type],
            body: ByteBuffer(repeating: 255, count: bytes)
        ).status
    }

    @Test func theStatementIsTheCallersOwnAsAFileToKeep() async throws {
        let fixture = try await ServiceFixture()
        let drawn = Drawn()
        let service = Service(
            store: fixture.store, trustList: fixture.service.verifier.trustList, signer: fixture.service.signer, clock: { ServiceFixture.now },
            statementPDF: { settlement, _, partner, french in
                drawn.set("\(partner) \(settlement.partners.map(\.partnerName)) \(french)")
                return Array("%PDF-1.7".utf8)
            })
        try await Application(router: service.buildRouter()).test(.router) { client in
            _ = try await client.call(.post, "/v1/redemptions", key: fixture.pingKey, body: API.text(API.RedemptionRequest(token: ServiceFixture.token(11))))
            _ = try await client.call(.post, "/v1/redemptions", key: fixture.secoursKey, body: API.text(API.RedemptionRequest(token: ServiceFixture.token(12))))
            let (status, _, pdf) = try await client.call(.get, "/v1/statement?month=2026-11", key: fixture.pingKey)
            #expect(status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"releve-2026-11-PiNG.pdf\"")
            #expect(drawn.value == "PiNG [\"PiNG\"] true", "only the caller's passes, in French by default")
            let (_, _, csv) = try await client.call(.get, "/v1/statement?month=2026-11&format=csv-fr", key: fixture.pingKey)
            let text = String(buffer: csv.body)
            #expect(text.contains("PiNG") && !text.contains("Secours") && text.split(whereSeparator: \.isNewline).count == 2)
            _ = try await client.call(.get, "/v1/statement?month=2026-11&lang=en", key: fixture.pingKey)
            #expect(drawn.value == "PiNG [\"PiNG\"] false")
        }
    }
}

/// What the test renderer was asked to draw.
final class Drawn: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""  // guarded by `lock`
    func set(_ value: String) { lock.withLock { text = value } }
    var value: String { lock.withLock { text } }
}
