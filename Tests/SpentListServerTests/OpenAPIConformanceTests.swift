import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SpentListServer
import TestStores
import Testing
import Yams

/// openapi.yaml against the running service: every documented operation is exercised, every
/// answer's status is documented for its operation, its content type is one documented for that
/// status, and a JSON body has the fields the schema requires.
@Suite struct OpenAPIConformanceTests {
    static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml").path

    struct Call: Sendable {
        let method: HTTPRequest.Method
        let uri: String
        var key: KeyKind = .partner
        var body: String?
        enum KeyKind: Sendable { case none, partner, admin, office }
    }

    static func calls() -> [Call] {
        let kid = ServiceFixture.active.kid.text
        let token = ServiceFixture.token(1)
        return [
            Call(method: .post, uri: "/v1/redemptions", body: #"{"token":"\#(token)"}"#),
            Call(method: .post, uri: "/v1/redemptions", body: #"{"token":"\#(token)"}"#),
            Call(method: .post, uri: "/v1/redemptions", body: #"{"token":"\#(ServiceFixture.token(2, expiry: ServiceFixture.now))"}"#),
            Call(method: .post, uri: "/v1/redemptions", body: "{"),
            Call(method: .post, uri: "/v1/redemptions", key: .none, body: #"{"token":"\#(token)"}"#),
            Call(method: .post, uri: "/v1/redemptions", key: .admin, body: #"{"token":"\#(token)"}"#),
            Call(method: .post, uri: "/v1/redemptions", body: String(repeating: " ", count: 5000)),
            Call(method: .get, uri: "/v1/redemptions"),
            Call(method: .get, uri: "/v1/passes/\(kid)/1"),
            Call(method: .get, uri: "/v1/passes/\(kid)/2"),
            Call(method: .get, uri: "/v1/passes/\(kid)/0"),
            Call(method: .get, uri: "/v1/passes/\(kid)/1", key: .none),
            Call(method: .get, uri: "/v1/spent"),
            Call(method: .get, uri: "/v1/spent?after=1&limit=5"),
            Call(method: .get, uri: "/v1/spent?after=x"),
            Call(method: .get, uri: "/v1/spent", key: .none),
            Call(method: .post, uri: "/v1/revocations", key: .admin, body: #"{"kid":"\#(kid)","first":50,"last":59,"reason":"lost"}"#),
            Call(method: .post, uri: "/v1/revocations", key: .admin, body: #"{"kid":"\#(kid)","first":50,"last":59,"reason":"lost"}"#),
            Call(method: .post, uri: "/v1/revocations", key: .admin, body: #"{"kid":"\#(kid)"}"#),
            Call(method: .post, uri: "/v1/revocations", key: .partner, body: #"{"kid":"\#(kid)","first":1,"reason":"x"}"#),
            Call(method: .post, uri: "/v1/revocations", key: .none, body: "{}"),
            Call(method: .get, uri: "/v1/settlement?from=2026-11-01&to=2026-12-01"),
            Call(method: .get, uri: "/v1/settlement?from=2026-11-01&to=2026-12-01&format=csv", key: .admin),
            Call(method: .get, uri: "/v1/settlement?from=2026-11-01&to=2026-12-01&partner=Nobody", key: .admin),
            Call(method: .get, uri: "/v1/settlement?from=nope&to=2026-12-01"),
            Call(method: .get, uri: "/v1/settlement?from=2026-11-01&to=2026-12-01", key: .none),
            Call(method: .post, uri: "/v1/offline-redemptions", body: #"{"items":[{"token":"\#(ServiceFixture.token(5))","scannedAt":"2026-11-18T10:00:00Z","helpKind":"cv"},{"token":"123","scannedAt":"2026-11-18T10:00:00Z"}]}"#),
            Call(method: .post, uri: "/v1/offline-redemptions", body: #"{"items":[{"token":"\#(token)","scannedAt":"2026-11-18T10:00:00.000Z"}]}"#),
            Call(method: .post, uri: "/v1/offline-redemptions", body: #"{"items":[]}"#),
            Call(method: .post, uri: "/v1/offline-redemptions", key: .none, body: #"{"items":[]}"#),
            Call(method: .post, uri: "/v1/offline-redemptions", key: .admin, body: #"{"items":[]}"#),
            Call(method: .post, uri: "/v1/offline-redemptions", body: String(repeating: " ", count: 400_000)),
            Call(method: .get, uri: "/v1/conflicts?from=2026-11-01&to=2026-12-01"),
            Call(method: .get, uri: "/v1/conflicts?from=2026-11-01&to=2026-12-01&partner=PiNG", key: .admin),
            Call(method: .get, uri: "/v1/conflicts?from=2026-11-01&to=2026-12-01&format=csv"),
            Call(method: .get, uri: "/v1/conflicts?from=2026-11-01&to=2026-12-01&partner=Nobody", key: .admin),
            Call(method: .get, uri: "/v1/conflicts?from=x&to=2026-12-01"),
            Call(method: .get, uri: "/v1/conflicts?from=2026-11-01&to=2026-12-01", key: .none),
            Call(method: .get, uri: "/v1/trustlist"),
            Call(method: .get, uri: "/v1/trustlist", key: .none),
            Call(method: .get, uri: "/v1/receipt-key", key: .none),
            Call(method: .get, uri: "/v1/trust-root", key: .none),
            Call(method: .post, uri: "/v1/session", key: .none, body: #"{"key":"pnk_ping-test-key"}"#),
            Call(method: .post, uri: "/v1/session", key: .none, body: #"{"key":"pnk_nobody"}"#),
            Call(method: .post, uri: "/v1/session", key: .none, body: #"{"key":"pna_admin-test-key"}"#),
            Call(method: .post, uri: "/v1/session", key: .none, body: #"{"secret":"x"}"#),
            Call(method: .get, uri: "/v1/session"),
            Call(method: .get, uri: "/v1/session", key: .none),
            Call(method: .get, uri: "/v1/session", key: .admin),
            Call(method: .delete, uri: "/v1/session", key: .none),
            Call(method: .get, uri: "/v1/statement?month=2026-11&format=csv-fr"),
            Call(method: .get, uri: "/v1/statement?month=2026-11"),
            Call(method: .get, uri: "/v1/statement?month=nope"),
            Call(method: .get, uri: "/v1/statement?month=2026-11", key: .none),
            Call(method: .get, uri: "/v1/statement?month=2026-11", key: .admin),
            Call(method: .post, uri: "/v1/frames?width=16&height=16", body: String(repeating: "a", count: 256)),
            Call(method: .post, uri: "/v1/frames?width=1&height=16", body: "a"),
            Call(method: .post, uri: "/v1/frames?width=16&height=16", key: .none, body: "a"),
            Call(method: .post, uri: "/v1/frames?width=16&height=16", key: .admin, body: "a"),
            Call(method: .post, uri: "/v1/handouts", key: .office, body: #"{"kid":"\#(kid)","first":6,"count":5}"#),
            Call(method: .post, uri: "/v1/handouts", key: .office, body: #"{"kid":"\#(kid)","first":6,"count":5}"#),
            Call(method: .post, uri: "/v1/handouts", key: .office, body: #"{"kid":"\#(kid)","first":51,"count":5}"#),
            Call(method: .post, uri: "/v1/handouts", key: .office, body: #"{"kid":"\#(kid)","first":0,"count":5}"#),
            Call(method: .post, uri: "/v1/handouts", key: .partner, body: #"{"kid":"\#(kid)","first":6,"count":5}"#),
            Call(method: .post, uri: "/v1/handouts", key: .none, body: "{}"),
            Call(method: .get, uri: "/v1/programme"),
            Call(method: .get, uri: "/v1/programme", key: .office),
            Call(method: .get, uri: "/v1/programme", key: .none),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", body: #"{"kind":"cv"}"#),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", body: #"{"kind":"cv"}"#),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", body: #"{"kind":"astrology"}"#),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", body: #"{}"#),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", key: .admin, body: #"{"kind":"cv"}"#),
            Call(method: .post, uri: "/v1/redemptions/\(kid)/1/help", key: .none, body: #"{"kind":"cv"}"#),
            Call(method: .post, uri: "/v1/batches", key: .admin, body: #"{"batches":[\#(ContractTests.printedBatch.replacingOccurrences(of: "7f26c5a0", with: kid))]}"#),
            Call(method: .post, uri: "/v1/batches", key: .admin, body: #"{"batches":[]}"#),
            Call(method: .post, uri: "/v1/batches", key: .partner, body: #"{"batches":[]}"#),
            Call(method: .post, uri: "/v1/batches", key: .none, body: "{}"),
            Call(method: .get, uri: "/v1/report", key: .admin),
            Call(method: .get, uri: "/v1/report?asOf=2026-11-30", key: .admin),
            Call(method: .get, uri: "/v1/report?asOf=yesterday", key: .admin),
            Call(method: .get, uri: "/v1/report?asOf=2026-11-30&format=csv", key: .admin),
            Call(method: .get, uri: "/v1/report?format=pdf", key: .admin),
            Call(method: .get, uri: "/v1/report"),
            Call(method: .get, uri: "/v1/report", key: .none),
            Call(method: .get, uri: "/healthz", key: .none),
            Call(method: .get, uri: "/readyz", key: .none),
            Call(method: .get, uri: "/metrics", key: .none),
        ]
    }

    @Test func theRunningServiceAnswersAsDocumented() async throws {
        let spec = try #require(try Yams.load(yaml: String(contentsOfFile: Self.specPath, encoding: .utf8)) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        let fixture = try await ServiceFixture()
        let app = fixture.service.buildApplication(host: "127.0.0.1", port: 0)
        let answers = try await app.test(.live) { client in
            var answers: [(Call, HTTPResponse.Status, String, Data)] = []
            for call in Self.calls() {
                let key: String? = switch call.key {
                case .none: nil
                case .partner: fixture.pingKey
                case .admin: fixture.adminKey
                case .office: fixture.officeKey
                }
                let (status, _, response) = try await client.call(call.method, call.uri, key: key, body: call.body)
                answers.append((call, status, response.headers[.contentType] ?? "", Data(response.body.readableBytesView)))
            }
            return answers
        }
        var exercised: Set<String> = []
        for (call, status, contentType, body) in answers {
            let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
            let path = String(call.uri.split(separator: "?")[0])
            let label = "\(call.method) \(call.uri) → \(status.code)"
            guard let (template, item) = paths.first(where: { Self.matches(template: $0.key, path: path) }) else {
                Issue.record("\(label): path not in openapi.yaml")
                continue
            }
            let operationName = call.method.rawValue.lowercased()
            let documentedStatus: Any?
            if let operation = item[operationName] as? [String: Any] {
                exercised.insert("\(operationName) \(template)")
                documentedStatus = (operation["responses"] as? [String: Any])?[String(status.code)]
            } else {
                // A method the path does not have: the service must say 405, as documented once.
                #expect(status == .methodNotAllowed, "\(label)")
                documentedStatus = (spec["components"] as? [String: Any]).flatMap { ($0["responses"] as? [String: Any])?["MethodNotAllowed"] }
            }
            guard let documented = Self.resolve(documentedStatus, in: spec) else {
                Issue.record("\(label): status not documented for this operation")
                continue
            }
            let media = (documented["content"] as? [String: Any]) ?? [:]
            if documented["content"] == nil {
                // A documented answer without content (204): the body must be empty.
                #expect(body.isEmpty, "\(label): a body where none is documented")
                continue
            }
            guard let (mediaType, mediaItem) = media.first(where: { contentType.hasPrefix($0.key) }) else {
                Issue.record("\(label): content type \(contentType) not among \(media.keys.sorted())")
                continue
            }
            if mediaType == "application/json" {
                let schema = Self.resolve((mediaItem as? [String: Any])?["schema"], in: spec) ?? [:]
                for field in schema["required"] as? [String] ?? [] {
                    #expect(json[field] != nil, "\(label): missing required field \(field)")
                }
            }
        }
        let documented = Set(paths.flatMap { path, item in
            item.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0) \(path)" }
        })
        #expect(documented.count == 23)
        #expect(exercised == documented, "not exercised: \(documented.subtracting(exercised).sorted())")
    }

    static func matches(template: String, path: String) -> Bool {
        let a = template.split(separator: "/"), b = path.split(separator: "/")
        return a.count == b.count && zip(a, b).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    /// Follows `$ref: '#/components/...'` until a plain object.
    static func resolve(_ value: Any?, in spec: [String: Any]) -> [String: Any]? {
        guard var object = value as? [String: Any] else { return nil }
        while let ref = object["$ref"] as? String {
            var node: Any? = spec
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            guard let next = node as? [String: Any] else { return nil }
            object = next
        }
        return object
    }
}
