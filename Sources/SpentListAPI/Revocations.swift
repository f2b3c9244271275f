extension API {
    /// `POST /v1/revocations` (admin): one serial, or a range such as a lost carnet. Serials are
    /// read as integers by type, so `1` is a serial and never a boolean (issue 14 §1.1).
    public struct RevocationRequest: ContractRequest, Encodable, Equatable {
        /// `last` defaults to `first`.
        public var kid: String, first: UInt64, last: UInt64?, reason: String

        public init(kid: String, first: UInt64, last: UInt64? = nil, reason: String) {
            (self.kid, self.first, self.last, self.reason) = (kid, first, last, reason)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case kid, first, last, reason }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(CodingKeys.self)
            kid = try container.decode(String.self, forKey: .kid)
            // `last` may be left out, but not given as null (decodeIfPresent would take null).
            first = try container.decode(UInt64.self, forKey: .first)
            last = container.contains(.last) ? try container.decode(UInt64.self, forKey: .last) : nil
            reason = try container.decode(String.self, forKey: .reason)
        }
    }

    /// The answer to a revocation: 201 when new, 200 when that range was already revoked.
    public struct Revocation: Codable, Sendable, Equatable {
        public var kid: String, first: UInt64, last: UInt64, reason: String, revokedAt: Timestamp, new: Bool

        public init(kid: String, first: UInt64, last: UInt64, reason: String, revokedAt: Timestamp, new: Bool) {
            (self.kid, self.first, self.last) = (kid, first, last)
            (self.reason, self.revokedAt, self.new) = (reason, revokedAt, new)
        }
    }
}
