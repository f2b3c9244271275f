import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PassVerifier
import SpentListAPI

/// The counter's side of the service contract (openapi.yaml, SpentListAPI). Network failures,
/// timeouts and 5xx answers are retried with bounded backoff and then reported as
/// `unreachable`, never as a refusal: only the service's own answer accepts or refuses a pass.
public struct ServiceClient: Sendable {
    public enum Answer: Sendable, Equatable {
        case redeemed(at: Date, receipt: String)
        case alreadySpent(firstAt: Date?)
        /// 422: a verifier reason, or `revoked`.
        case refused(reason: Reason, message: String)
    }

    /// The service's answer for one journal item sent at sync.
    public enum OfflineAnswer: Sendable, Equatable {
        /// `helpKind`: the kind of help recorded with it (nil when the item had none, or one the
        /// programme does not list).
        case accepted(redeemedAt: Date?, receipt: String, helpKind: String? = nil)
        /// It does not count: another partner first (`already_spent`, with when), revoked, or
        /// the pass does not verify at its scan time.
        case conflict(reason: Reason, message: String, firstRedeemedAt: Date?)
    }

    public struct FeedPage: Sendable {
        public let entries: [Replica.Entry]
        public let next: String
        public let more: Bool
    }

    let base: URL
    let apiKey: String
    let transport: ServiceTransport
    /// Pauses before each retry; their count bounds the attempts.
    let backoff: [Duration]
    /// Seconds to wait for each answer.
    public let timeout: TimeInterval
    /// When set, no retry starts after this many seconds: a counter that can work offline falls
    /// back instead of keeping the operator waiting. Unset (sync, pull, a counter with nothing
    /// to fall back on), every retry is made, so a slow answer is waited for.
    private(set) var retryWindow: TimeInterval?

    /// `transport`: how to trust an `https://` service (default: the system's roots).
    public init(
        base: URL, apiKey: String, timeout: TimeInterval = 5, backoff: [Duration] = [.milliseconds(200), .milliseconds(800), .seconds(2)],
        transport: ServiceTransport? = nil
    ) {
        self.base = base
        self.apiKey = apiKey
        self.transport = transport ?? .system(timeout: timeout)
        self.backoff = backoff
        self.timeout = timeout
    }

    /// The same client, retrying only within `seconds` of the first attempt.
    public func retrying(within seconds: TimeInterval) -> ServiceClient {
        var bounded = self
        bounded.retryWindow = seconds
        return bounded
    }

    public func redeem(token: String) async throws(CounterError) -> Answer {
        let (status, data, afterFailure) = try await send("POST", "v1/redemptions", body: API.encode(API.RedemptionRequest(token: token)))
        switch status {
        case 201:
            let redeemed = try Self.decode(API.Redeemed.self, data, status)
            return .redeemed(at: redeemed.redeemedAt.date, receipt: redeemed.receipt)
        case 409:
            let refusal = try Self.decode(API.ErrorBody.self, data, status)
            // An earlier attempt of this very request was recorded but its 201 was lost: the
            // service says it was ours and gives the receipt again. A later scan of the same
            // pass is a new request, with no failed attempt, and is refused; if its own first
            // attempt failed too, the journal knows the pass was accepted here (OnlineBackend).
            if afterFailure, refusal.redeemedByYou == true {
                return .redeemed(at: refusal.firstRedeemedAt?.date ?? Date(), receipt: refusal.receipt ?? "")
            }
            return .alreadySpent(firstAt: refusal.firstRedeemedAt?.date)
        case 422:
            let refusal = try Self.decode(API.ErrorBody.self, data, status)
            return .refused(reason: refusal.error, message: refusal.message)
        default:
            throw Self.unexpected(status, data)
        }
    }

    /// `POST /v1/offline-redemptions`: journal items with their scan times; one answer each, in
    /// order. Sending the same items again is harmless (the service answers the same).
    public func redeemOffline(_ items: [(token: String, scannedAt: Date, helpKind: String?)]) async throws(CounterError) -> [OfflineAnswer] {
        let request = API.OfflineRedemptionRequest(items: items.map {
            API.OfflineItem(token: $0.token, scannedAt: Timestamp($0.scannedAt), helpKind: $0.helpKind)
        })
        let (status, data, _) = try await send("POST", "v1/offline-redemptions", body: API.encode(request))
        guard status == 200 else { throw Self.unexpected(status, data) }
        let results = try Self.decode(API.OfflineRedemptions.self, data, status).results
        guard results.count == items.count else { throw Self.unexpected(status, data) }
        return try results.map { result throws(CounterError) in
            switch result.status {
            case .accepted:
                return .accepted(redeemedAt: result.redeemedAt?.date, receipt: result.receipt ?? "", helpKind: result.helpKind)
            case .conflict:
                return .conflict(reason: result.reason ?? "unknown", message: result.message ?? "", firstRedeemedAt: result.firstRedeemedAt?.date)
            }
        }
    }

    /// `GET /v1/passes/{kid}/{serial}`.
    public func status(kid: KeyID, serial: Serial) async throws(CounterError) -> PassStatus {
        let (status, data, _) = try await send("GET", "v1/passes/\(kid)/\(serial)", body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        let answer = try Self.decode(API.PassState.self, data, status)
        switch answer.state {
        case .spent: return .spent(at: answer.redeemedAt?.date)
        case .revoked: return .revoked
        case .unspent: return .unspent
        }
    }

    /// One page of the spent/revoked delta feed after `cursor`.
    public func feed(after cursor: String?, limit: Int = 10_000) async throws(CounterError) -> FeedPage {
        let query = "v1/spent?limit=\(limit)" + (cursor.map { "&after=\($0)" } ?? "")
        let (status, data, _) = try await send("GET", query, body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        let page = try Self.decode(API.FeedPage.self, data, status)
        let entries = try page.items.map { item throws(CounterError) in try Self.entry(item) }
        return FeedPage(entries: entries, next: page.next, more: page.more)
    }

    /// The service's current trust list, as JSON bytes.
    public func trustList() async throws(CounterError) -> Data {
        try await signedTrustList().json
    }

    /// The service's current trust list as it sent it, and the root key's signature of those
    /// bytes from the `Passnum-Trust-List-Signature` header (nil when the service has none).
    /// Neither is checked here: `TrustListIntake` does that before the replica keeps them.
    public func signedTrustList() async throws(CounterError) -> (json: Data, signature: String?) {
        let (status, data, _, response) = try await sendKeepingResponse("GET", "v1/trustlist", body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        return (data, response.first(name: "Passnum-Trust-List-Signature"))
    }

    /// The programme settings (`GET /v1/programme`), as JSON bytes checked to be readable.
    public func programme() async throws(CounterError) -> Data {
        let (status, data, _) = try await send("GET", "v1/programme", body: nil)
        guard status == 200 else { throw Self.unexpected(status, data) }
        _ = try Self.decode(API.Programme.self, data, status)
        return data
    }

    /// The status, the body, and whether an earlier attempt failed without an answer; a 401 or
    /// 403 is thrown as `unauthorised`.
    func send(_ method: String, _ path: String, body: Data?) async throws(CounterError) -> (Int, Data, Bool) {
        let (status, data, afterFailure, _) = try await sendKeepingResponse(method, path, body: body)
        return (status, data, afterFailure)
    }

    /// `send`, with the response's headers.
    private func sendKeepingResponse(_ method: String, _ path: String, body: Data?) async throws(CounterError) -> (Int, Data, Bool, HTTPHeaders) {
        let (status, data, afterFailure, response) = try await sendRaw(method, path, body: body)
        if status == 401 || status == 403 {
            throw CounterError(.unauthorised, Self.message(data) ?? "the service refused this partner key")
        }
        return (status, data, afterFailure, response)
    }

    /// Sends with retries; a 5xx or a network failure is tried again after each pause (within
    /// `retryWindow` when set).
    private func sendRaw(_ method: String, _ path: String, body: Data?) async throws(CounterError) -> (Int, Data, Bool, HTTPHeaders) {
        let url = URL(string: path, relativeTo: base)!.absoluteString
        var lastProblem: String?
        let deadline = retryWindow.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        for pause in [Duration.zero] + backoff {
            if pause > .zero {
                if let deadline, ContinuousClock.now + pause >= deadline { break }
                try? await Task.sleep(for: pause)
            }
            do {
                let (status, data, headers) = try await exchange(method, url, body: body)
                if status >= 500 {
                    lastProblem = "the service answered \(status)"
                    continue
                }
                return (status, data, lastProblem != nil, headers)
            } catch where ServiceTransport.isTLSRefusal(error) {
                throw CounterError(.untrusted, "the service at \(base.absoluteString) did not prove its identity (\(error)); for a private CA give its certificate with --ca-file")
            } catch {
                lastProblem = "\(error)"
            }
        }
        throw CounterError(.unreachable, "cannot reach the service at \(base.absoluteString) (\(lastProblem ?? "no answer"))")
    }

    /// One request and its whole answer, within `timeout`.
    private func exchange(_ method: String, _ url: String, body: Data?) async throws -> (Int, Data, HTTPHeaders) {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await transport.http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        // A feed page of 10,000 entries is about 1 MB.
        let answer = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), Data(answer.readableBytesView), response.headers)
    }

    private static func entry(_ item: API.FeedItem) throws(CounterError) -> Replica.Entry {
        guard let mark = Replica.Mark(rawValue: item.kind.rawValue), let kid = KeyID(text: item.kid),
              let first = Serial(item.first), let last = Serial(item.last)
        else {
            throw CounterError(.badAnswer, "the service sent a feed item this version cannot read")
        }
        return Replica.Entry(mark: mark, kid: kid, first: first, last: last)
    }

    /// An answer of the contract's shape for its status, or `badAnswer`.
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ status: Int) throws(CounterError) -> T {
        do {
            return try API.decodeAnswer(type, from: data)
        } catch {
            throw CounterError(.badAnswer, "the service's answer \(status) is not one this version can read")
        }
    }

    /// The `message` of an error body, when the body is one.
    private static func message(_ data: Data) -> String? {
        (try? API.decodeAnswer(API.ErrorBody.self, from: data))?.message
    }

    static func unexpected(_ status: Int, _ data: Data) -> CounterError {
        CounterError(.badAnswer, "unexpected answer \(status) from the service: \(message(data) ?? "")")
    }
}
