import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PassVerifier
import SpentList
import SpentListAPI
import SpentListServer
import TestStores
import Testing

/// Regression tests for what the attack run of issue 14 §1 found in the service's contract.
@Suite struct HardeningTests {
    static let month = "from=2026-11-01&to=2026-12-01"

    /// §1.1: `1` was read by JSONSerialization as something that is also a Bool, so carnet 1
    /// could not be revoked. The serials' edges are 1 and 2^48 − 1.
    @Test(arguments: [UInt64(1), Serial.max], StoreKind.allCases) func theEdgeSerialsCanBeRevoked(serial: UInt64, _ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let kid = ServiceFixture.active.kid.text
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let body = API.text(API.RevocationRequest(kid: kid, first: serial, reason: "carnet perdu"))
            let (status, json, _) = try await client.call(.post, "/v1/revocations", key: fixture.adminKey, body: body)
            #expect(status == .created, "\(json)")
            #expect(json["first"] as? Int == Int(serial) && json["last"] as? Int == Int(serial))
            let (_, state, _) = try await client.call(.get, "/v1/passes/\(kid)/\(serial)", key: fixture.adminKey)
            #expect(state["state"] as? String == "revoked")
        }
    }

    @Test(arguments: ["0", "281474976710656", "true", "1.5", "-1", "\"1\""], StoreKind.allCases) func otherSerialsAreRefused(first: String, _ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let body = #"{"kid":"\#(ServiceFixture.active.kid.text)","first":\#(first),"reason":"x"}"#
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.post, "/v1/revocations", key: fixture.adminKey, body: body)
            #expect(status == .badRequest && json["error"] as? String == "invalid_body", "\(first)")
        }
    }

    /// A copy of `token` with its signature changed: no issuer made it.
    static func forged(_ token: String) -> String {
        var digits = Array(token.utf8)
        digits[199] = digits[199] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        return String(decoding: digits, as: UTF8.self)
    }

    /// §1.2: a forged item is answered but never stored, so it cannot fill the conflict table
    /// nor reveal who redeemed a pass.
    @Test(arguments: StoreKind.allCases) func forgedOfflineItemsAreNeverStored(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            _ = try await client.redeem(ServiceFixture.token(7), key: fixture.pingKey)
            let forged = [Self.forged(ServiceFixture.token(7)), ServiceFixture.token(8, key: ServiceFixture.unknown)]
            let body = OfflineRouteTests.body(forged.map { ($0, OfflineRouteTests.hourAgo) })
            let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.secoursKey, body: body)
            #expect(status == .ok)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? String } == ["conflict", "conflict"])
            #expect(results.map { $0["reason"] as? String } == ["bad_signature", "unknown_key"])
            #expect(results.allSatisfy { $0["kid"] == nil && $0["firstRedeemedAt"] == nil }, "nothing about the real pass")
            let (_, list, _) = try await client.call(.get, "/v1/conflicts?\(Self.month)", key: fixture.secoursKey)
            #expect((list["conflicts"] as? [Any])?.isEmpty == true)
        }
        #expect(try await fixture.store.conflicts(from: .distantPast, to: .distantFuture, partnerID: nil).isEmpty)
    }

    /// A conflict stored for a forged pass (before the fix) names the other partner to the
    /// admin only.
    @Test(arguments: StoreKind.allCases) func aForgedConflictNamesTheOtherPartnerToTheAdminOnly(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let pass = PassRef(kid: ServiceFixture.active.kid, serial: Serial(7)!)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            _ = try await client.redeem(ServiceFixture.token(7), key: fixture.pingKey)
            let secours = try #require(try await fixture.store.partners().first { $0.name == "Secours" })
            _ = try await fixture.store.redeemOffline([
                OfflineRedemptionRequest(pass: pass, value: Cents(1000)!, partner: secours, scannedAt: ServiceFixture.now, token: ServiceFixture.token(7), refusal: "bad_signature"),
            ])
            for (key, named) in [(fixture.secoursKey, false), (fixture.adminKey, true)] {
                for route in ["conflicts", "settlement"] {
                    let (_, list, _) = try await client.call(.get, "/v1/\(route)?\(Self.month)", key: key)
                    let conflict = try #require((list["conflicts"] as? [[String: Any]])?.first, "\(route)")
                    #expect((conflict["firstPartner"] as? String == "PiNG") == named, "\(route)")
                    #expect((conflict["firstRedeemedAt"] is String) == named, "\(route)")
                }
            }
        }
    }

    /// §1.9: three copies of one token in one upload count once.
    @Test(arguments: StoreKind.allCases) func copiesOfOnePassInOneUploadCountOnce(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let token = ServiceFixture.token(9)
            let body = OfflineRouteTests.body(Array(repeating: (token, OfflineRouteTests.hourAgo), count: 3))
            let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: body)
            #expect(status == .ok)
            #expect(json["accepted"] as? Int == 1 && json["conflicts"] as? Int == 0)
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.count == 3 && results.allSatisfy { $0["status"] as? String == "accepted" })
        }
    }

    /// §1.9: a field given twice is refused (JSONDecoder would keep one silently).
    @Test(arguments: [
        #"{"token":"1","token":"2"}"#,
        #"{"token":"1","\u0074oken":"2"}"#,
    ], StoreKind.allCases) func duplicateFieldsAre400(body: String, _ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.post, "/v1/redemptions", key: fixture.pingKey, body: body)
            #expect(status == .badRequest && json["error"] as? String == "malformed_json")
            #expect((json["message"] as? String)?.contains("\"token\"") == true)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDuplicateFieldInAnOfflineItemIs400(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let token = ServiceFixture.token(1)
        let body = #"{"items":[{"token":"\#(token)","scannedAt":"2026-11-18T10:00:00Z","scannedAt":"2026-11-18T10:00:00Z"}]}"#
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (status, json, _) = try await client.call(.post, "/v1/offline-redemptions", key: fixture.pingKey, body: body)
            #expect(status == .badRequest && json["error"] as? String == "malformed_json")
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
    }

    /// §1.9: a body declared as something other than JSON is 415 and records nothing.
    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"], StoreKind.allCases) func otherContentTypesAre415(contentType: String, _ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/redemptions", method: .post,
                headers: [.authorization: "Bearer \(fixture.pingKey)", .contentType: contentType],
                body: ByteBuffer(string: API.text(API.RedemptionRequest(token: ServiceFixture.token(1)))))
            #expect(response.status == .unsupportedMediaType)
            let json = try API.decodeAnswer(API.ErrorBody.self, from: Data(response.body.readableBytesView))
            #expect(json.error == .unsupportedMediaType)
        }
        #expect(try await fixture.store.state(of: PassRef(kid: ServiceFixture.active.kid, serial: Serial(1)!)) == .unspent)
    }

    @Test(arguments: StoreKind.allCases) func jsonWithACharsetIsJSON(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/redemptions", method: .post,
                headers: [.authorization: "Bearer \(fixture.pingKey)", .contentType: "Application/JSON; charset=utf-8"],
                body: ByteBuffer(string: API.text(API.RedemptionRequest(token: ServiceFixture.token(1)))))
            #expect(response.status == .created)
        }
    }

    /// §1.9: probes ask `HEAD /healthz`.
    @Test(arguments: StoreKind.allCases) func headHealthzAnswers(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .head)
            #expect(response.status == .ok)
        }
    }

    /// §1.9: a bad chunk size was a 500; it is the client's fault, a JSON 400.
    @Test(arguments: StoreKind.allCases) func aBadChunkSizeIsAJSON400(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let answer = await RawHTTP.exchange(port: port, [
                "POST /v1/redemptions HTTP/1.1", "Host: localhost", "Authorization: Bearer \(fixture.pingKey)",
                "Content-Type: application/json", "Transfer-Encoding: chunked", "", "ZZ", "abc", "0", "", "",
            ].joined(separator: "\r\n"))
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains(#""error":"bad_request""#), "\(answer)")
        }
    }

    /// §1.9: a header over the decoder's limit was answered with an empty 400; it is JSON like
    /// every other error.
    @Test(arguments: StoreKind.allCases) func aTooLargeHeaderIsAJSON400(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let big = String(repeating: "a", count: 90 * 1024)
            let answer = await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: \(big)\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains(#""error":"bad_request""#) && answer.contains("too large"), "\(answer)")
            #expect(answer.lowercased().contains("content-type: application/json"), "\(answer)")
        }
    }

    /// §1.9: HTTP/1.0 without keep-alive is closed after its answer (it was held for the idle
    /// minute); with keep-alive, or in HTTP/1.1, the connection stays for the next request.
    @Test(arguments: StoreKind.allCases) func http10WithoutKeepAliveIsClosedAfterItsAnswer(_ kind: StoreKind) async throws {
        let fixture = try await ServiceFixture(kind)
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let (answer, closed) = await RawSocket.run { () -> (String, Bool) in
                guard let socket = RawSocket(port: port) else { return ("", false) }
                socket.send("GET /healthz HTTP/1.0\r\n\r\n")
                let answer = socket.readToEnd()
                return (answer, socket.closed)
            }
            #expect(answer.contains(" 200 ") && answer.contains(#""status":"ok""#), "\(answer)")
            #expect(closed, "the connection was held open")
            let second = await RawSocket.run { () -> String in
                guard let socket = RawSocket(port: port) else { return "" }
                socket.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                _ = socket.readAnswer()
                socket.send(ConnectionLimitTests.healthz)
                return socket.readAnswer()
            }
            #expect(second.hasPrefix("HTTP/1.1 200"), "keep-alive: \(second)")
        }
    }

    /// §1.10: revoking what is revoked already answered with the time of the second request;
    /// it answers when, and why, it was revoked.
    @Test func revokingTwiceReportsTheFirstRevocation() async throws {
        let hours = Hours()
        let fixture = try await ServiceFixture(clock: { ServiceFixture.now + hours.elapsed })
        let kid = ServiceFixture.active.kid.text
        try await Application(router: fixture.service.buildRouter()).test(.router) { client in
            let (first, json1, _) = try await client.call(
                .post, "/v1/revocations", key: fixture.adminKey, body: API.text(API.RevocationRequest(kid: kid, first: 5, reason: "carnet perdu")))
            hours.advance()
            let (second, json2, _) = try await client.call(
                .post, "/v1/revocations", key: fixture.adminKey, body: API.text(API.RevocationRequest(kid: kid, first: 5, reason: "autre")))
            #expect(first == .created && second == .ok)
            #expect(json2["new"] as? Bool == false)
            #expect(json2["revokedAt"] as? String == json1["revokedAt"] as? String, "\(json1) \(json2)")
            #expect(json2["reason"] as? String == "carnet perdu")
        }
    }
}

/// A clock for tests that moves an hour at a time.
final class Hours: @unchecked Sendable {
    private let lock = NSLock()
    private var hours = 0.0
    var elapsed: TimeInterval { lock.withLock { hours * 3600 } }
    func advance() { lock.withLock { hours += 1 } }
}
