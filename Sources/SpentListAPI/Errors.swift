// The wire types declare several fields a line and assign them as tuples: they are plain
// records of openapi.yaml, and written one a line they would repeat each other's shape.

extension API {
    /// Every error answer: `{"error", "message"}`, and for a 409 `already_spent` the first
    /// redemption's time, whether it was the caller's, and then its receipt again.
    /// (openapi.yaml: `Error`, `AlreadySpent`.)
    public struct ErrorBody: Codable, Sendable, Equatable {
        public var error: Reason, message: String
        public var firstRedeemedAt: Timestamp?, redeemedByYou: Bool?, receipt: String?

        public init(error: Reason, message: String, firstRedeemedAt: Timestamp? = nil, redeemedByYou: Bool? = nil, receipt: String? = nil) {
            (self.error, self.message) = (error, message)
            (self.firstRedeemedAt, self.redeemedByYou, self.receipt) = (firstRedeemedAt, redeemedByYou, receipt)
        }
    }

    /// `GET /healthz`.
    public struct Health: Codable, Sendable, Equatable {
        public var status: String
        public init(status: String = "ok") { self.status = status }
    }

    /// `GET /v1/trust-root`: the programme's root key the service pins (SPEC.md §14), for the
    /// web counter to pin in turn and for staff to compare with their partner letter.
    public struct TrustRoot: Codable, Sendable, Equatable {
        public var kid: String, publicKey: String, fingerprint: String
        public init(kid: String, publicKey: String, fingerprint: String) {
            (self.kid, self.publicKey, self.fingerprint) = (kid, publicKey, fingerprint)
        }
    }

    /// `GET /v1/receipt-key`: the key id and the standard base64 of the 32-byte public key.
    public struct ReceiptKey: Codable, Sendable, Equatable {
        public var kid: String, publicKey: String
        public init(kid: String, publicKey: String) { (self.kid, self.publicKey) = (kid, publicKey) }
    }
}
