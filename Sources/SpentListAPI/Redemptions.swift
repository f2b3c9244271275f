extension API {
    /// `POST /v1/redemptions`.
    public struct RedemptionRequest: ContractRequest, Encodable, Equatable {
        public var token: String
        public init(token: String) { self.token = token }

        enum CodingKeys: String, CodingKey, CaseIterable { case token }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(CodingKeys.self)
            token = try container.decode(String.self, forKey: .token)
        }
    }

    /// 201 to `POST /v1/redemptions`: recorded and durable, with a signed receipt.
    public struct Redeemed: Codable, Sendable, Equatable {
        public var status: String, serial: UInt64, kid: String, valueCents: Int64, redeemedAt: Timestamp, receipt: String

        public init(serial: UInt64, kid: String, valueCents: Int64, redeemedAt: Timestamp, receipt: String) {
            (status, self.serial, self.kid) = ("redeemed", serial, kid)
            (self.valueCents, self.redeemedAt, self.receipt) = (valueCents, redeemedAt, receipt)
        }
    }

    /// `GET /v1/passes/{kid}/{serial}`: unspent, spent (with when) or revoked (why, when).
    public struct PassState: Codable, Sendable, Equatable {
        public enum State: String, Codable, Sendable { case unspent, spent, revoked }
        public var kid: String, serial: UInt64, state: State
        public var redeemedAt: Timestamp?, reason: String?, revokedAt: Timestamp?

        public init(kid: String, serial: UInt64, state: State, redeemedAt: Timestamp? = nil, reason: String? = nil, revokedAt: Timestamp? = nil) {
            (self.kid, self.serial, self.state) = (kid, serial, state)
            (self.redeemedAt, self.reason, self.revokedAt) = (redeemedAt, reason, revokedAt)
        }
    }

    /// `GET /v1/spent`: one page of the delta feed for offline replicas.
    public struct FeedPage: Codable, Sendable, Equatable {
        public var items: [FeedItem], next: String, more: Bool
        public init(items: [FeedItem], next: String, more: Bool) { (self.items, self.next, self.more) = (items, next, more) }
    }

    /// A spent serial, a revoked range or a carnet handed out, in commit order.
    public struct FeedItem: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case spent, revoked, handedOut = "handed_out" }
        public var cursor: String, kind: Kind, kid: String, first: UInt64, last: UInt64, at: Timestamp

        public init(cursor: String, kind: Kind, kid: String, first: UInt64, last: UInt64, at: Timestamp) {
            (self.cursor, self.kind, self.kid) = (cursor, kind, kid)
            (self.first, self.last, self.at) = (first, last, at)
        }
    }
}

// MARK: The hot path
//
// `make bench-service` (64 connections, 20 s, 2 cores shared with other builds, load ≈ 15), run
// back to back: the hand-built dictionaries of before gave 3,987 durable redemptions/s at 192 µs
// of service CPU each; JSONDecoder + JSONEncoder for this one route gave 3,409/s at 216 µs. With
// the two functions below: 4,026/s against 3,745/s for the old build in the same minute. They
// read and write exactly what the Codable forms do (ContractTests checks both against them)
// without their generic machinery; every other body goes through Codable.

extension API.RedemptionRequest {
    /// The token of a body that is exactly `{"token":"<200 digits>"}`, as every client sends it;
    /// nil for anything else, which then goes through `API.decodeRequest` (and its refusals).
    public static func fastToken(_ body: UnsafeRawBufferPointer) -> String? {
        // Not generic on purpose: a generic function of this module called from the server is
        // not specialised there, and iterating a `ByteBufferView` through the protocol cost
        // about 5% of the service's CPU under `make bench-service` (perf record, 2026-11-27).
        let prefix = #"{"token":""#.utf8, suffix = #""}"#.utf8
        guard body.count == prefix.count + 200 + suffix.count,
              body.prefix(prefix.count).elementsEqual(prefix), body.suffix(suffix.count).elementsEqual(suffix)
        else { return nil }
        let digits = UnsafeRawBufferPointer(rebasing: body[prefix.count..<(prefix.count + 200)])
        guard digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The same for any bytes (tests, clients).
    public static func fastToken(_ body: some Collection<UInt8>) -> String? {
        Array(body).withUnsafeBytes { fastToken($0) }
    }
}

extension API.Redeemed {
    /// The same bytes as `API.encode(self)` (fields sorted, no escaped slashes).
    public var fastJSON: String {
        var out = #"{"kid":"#
        JSON.quote(kid, into: &out)
        out += #","receipt":"#
        JSON.quote(receipt, into: &out)
        out += #","redeemedAt":"#
        JSON.quote(redeemedAt.text, into: &out)
        out += #","serial":\#(serial),"status":"#
        JSON.quote(status, into: &out)
        out += #","valueCents":\#(valueCents)}"#
        return out
    }
}
