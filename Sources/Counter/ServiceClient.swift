import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PassVerifier

/// The counter's side of the service contract (DESIGN.md "Service contract"). Network failures,
/// timeouts and 5xx answers are retried with bounded backoff and then reported as
/// `unreachable`, never as a refusal: only the service's own answer accepts or refuses a pass.
public struct ServiceClient: Sendable {
    public enum Answer: Sendable, Equatable {
        case redeemed(at: Date, receipt: String)
        case alreadySpent(firstAt: Date?)
        /// 422: a verifier reason, or "revoked".
        case refused(reason: String, message: String)
    }

    /// The service's answer for one journal item sent at sync.
    public enum OfflineAnswer: Sendable, Equatable {
        case accepted(redeemedAt: Date?, receipt: String)
        /// It does not count: another partner first (`already_spent`, with when), revoked, or
        /// the pass does not verify at its scan time.
        case conflict(reason: String, message: String, firstRedeemedAt: Date?)
    }

    public struct FeedPage: Sendable {
        public let entries: [Replica.Entry]
        public let next: String
        public let more: Bool
    }

    let base: URL
    let apiKey: String
    let session: URLSession
    /// Pauses before each retry; their count bounds the attempts.
    let backoff: [Duration]
    /// The whole time one call may take, retries included: the operator waits no longer.
    let timeout: TimeInterval

    public init(base: URL, apiKey: String, timeout: TimeInterval = 5, backoff: [Duration] = [.milliseconds(200), .milliseconds(800), .seconds(2)]) {
        self.base = base
        self.apiKey = apiKey
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        session = URLSession(configuration: configuration)
        self.backoff = backoff
        self.timeout = timeout
    }

    public func redeem(token: String) async throws(CounterError) -> Answer {
        let body = try! JSONSerialization.data(withJSONObject: ["token": token])
        let (status, json, afterFailure) = try await send("POST", "v1/redemptions", body: body)
        switch status {
        case 201:
            return .redeemed(at: Self.date(json["redeemedAt"]) ?? Date(), receipt: json["receipt"] as? String ?? "")
        case 409 where afterFailure && json["redeemedByYou"] as? Bool == true:
            // An earlier attempt of this very request was recorded but its 201 was lost: the
            // service says it was ours and gives the receipt again. A later scan of the same
            // pass is a new request, with no failed attempt, and is refused below.
            return .redeemed(at: Self.date(json["firstRedeemedAt"]) ?? Date(), receipt: json["receipt"] as? String ?? "")
        case 409:
            return .alreadySpent(firstAt: Self.date(json["firstRedeemedAt"]))
        case 422:
            return .refused(reason: json["error"] as? String ?? "unknown", message: json["message"] as? String ?? "")
        default:
            throw Self.unexpected(status, json)
        }
    }

    /// `POST /v1/offline-redemptions`: journal items with their scan times; one answer each, in
    /// order. Sending the same items again is harmless (the service answers the same).
    public func redeemOffline(_ items: [(token: String, scannedAt: Date)]) async throws(CounterError) -> [OfflineAnswer] {
        let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let objects = items.map { ["token": $0.token, "scannedAt": $0.scannedAt.formatted(format)] }
        let body = try! JSONSerialization.data(withJSONObject: ["items": objects])
        let (status, json, _) = try await send("POST", "v1/offline-redemptions", body: body)
        guard status == 200, let results = json["results"] as? [[String: Any]], results.count == items.count else {
            throw Self.unexpected(status, json)
        }
        return try results.map { result throws(CounterError) in
            switch result["status"] as? String {
            case "accepted":
                return .accepted(redeemedAt: Self.date(result["redeemedAt"]), receipt: result["receipt"] as? String ?? "")
            case "conflict":
                return .conflict(
                    reason: result["reason"] as? String ?? "unknown", message: result["message"] as? String ?? "",
                    firstRedeemedAt: Self.date(result["firstRedeemedAt"]))
            default:
                throw CounterError(.badAnswer, "the service sent an offline answer this version cannot read")
            }
        }
    }

    /// `GET /v1/passes/{kid}/{serial}`.
    public func status(kid: KeyID, serial: Serial) async throws(CounterError) -> PassStatus {
        let (status, json, _) = try await send("GET", "v1/passes/\(kid)/\(serial)", body: nil)
        guard status == 200, let state = json["state"] as? String else { throw Self.unexpected(status, json) }
        switch state {
        case "spent": return .spent(at: Self.date(json["redeemedAt"]))
        case "revoked": return .revoked
        default: return .unspent
        }
    }

    /// One page of the spent/revoked delta feed after `cursor`.
    public func feed(after cursor: String?, limit: Int = 10_000) async throws(CounterError) -> FeedPage {
        let query = "v1/spent?limit=\(limit)" + (cursor.map { "&after=\($0)" } ?? "")
        let (status, json, _) = try await send("GET", query, body: nil)
        guard status == 200, let items = json["items"] as? [[String: Any]], let next = json["next"] as? String else {
            throw Self.unexpected(status, json)
        }
        let entries = try items.map { item throws(CounterError) in try Self.entry(item) }
        return FeedPage(entries: entries, next: next, more: json["more"] as? Bool ?? false)
    }

    /// The service's current trust list, as JSON bytes.
    public func trustList() async throws(CounterError) -> Data {
        let (status, data, _) = try await sendRaw("GET", "v1/trustlist", body: nil)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if status == 401 || status == 403 {
            throw CounterError(.unauthorised, json["message"] as? String ?? "the service refused this partner key")
        }
        guard status == 200 else { throw Self.unexpected(status, json) }
        return data
    }

    /// The status, the JSON body, and whether an earlier attempt failed without an answer.
    private func send(_ method: String, _ path: String, body: Data?) async throws(CounterError) -> (Int, [String: Any], Bool) {
        let (status, data, afterFailure) = try await sendRaw(method, path, body: body)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if status == 401 || status == 403 {
            throw CounterError(.unauthorised, json["message"] as? String ?? "the service refused this partner key")
        }
        return (status, json, afterFailure)
    }

    /// Sends with retries; a 5xx or a network failure is tried again after each pause, as long
    /// as the pause ends before `timeout` has passed since the first attempt.
    private func sendRaw(_ method: String, _ path: String, body: Data?) async throws(CounterError) -> (Int, Data, Bool) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        var lastProblem: String?
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        for pause in [Duration.zero] + backoff {
            if pause > .zero {
                guard ContinuousClock.now + pause < deadline else { break }
                try? await Task.sleep(for: pause)
            }
            do {
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status >= 500 || status == 0 {
                    lastProblem = "the service answered \(status)"
                    continue
                }
                return (status, data, lastProblem != nil)
            } catch {
                lastProblem = (error as? URLError).map { "\($0.code)" } ?? "\(error)"
            }
        }
        throw CounterError(.unreachable, "cannot reach the service at \(base.absoluteString) (\(lastProblem ?? "no answer"))")
    }

    private static func entry(_ item: [String: Any]) throws(CounterError) -> Replica.Entry {
        guard let mark = (item["kind"] as? String).flatMap(Replica.Mark.init(rawValue:)),
              let kid = (item["kid"] as? String).flatMap({ KeyID(text: $0) }),
              let first = (item["first"] as? Int).flatMap({ Serial(UInt64($0)) }),
              let last = (item["last"] as? Int).flatMap({ Serial(UInt64($0)) })
        else {
            throw CounterError(.badAnswer, "the service sent a feed item this version cannot read")
        }
        return Replica.Entry(mark: mark, kid: kid, first: first, last: last)
    }

    private static func date(_ value: Any?) -> Date? {
        (value as? String).flatMap {
            (try? Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date($0, strategy: .iso8601))
        }
    }

    private static func unexpected(_ status: Int, _ json: [String: Any]) -> CounterError {
        CounterError(.badAnswer, "unexpected answer \(status) from the service: \(json["message"] as? String ?? "")")
    }
}
