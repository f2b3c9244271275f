extension API {
    /// `POST /v1/offline-redemptions`: a counter's journal at sync, 1 to 1000 items.
    public struct OfflineRedemptionRequest: ContractRequest, Encodable, Equatable {
        public var items: [OfflineItem]
        public init(items: [OfflineItem]) { self.items = items }

        enum CodingKeys: String, CodingKey, CaseIterable { case items }

        public init(from decoder: any Decoder) throws {
            items = try decoder.strictContainer(CodingKeys.self).decode([OfflineItem].self, forKey: .items)
        }
    }

    /// A pass a counter accepted offline, and when.
    public struct OfflineItem: Codable, Sendable, Equatable {
        public var token: String, scannedAt: Timestamp
        public init(token: String, scannedAt: Timestamp) { (self.token, self.scannedAt) = (token, scannedAt) }

        enum CodingKeys: String, CodingKey, CaseIterable { case token, scannedAt }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(CodingKeys.self)
            (token, scannedAt) = (try container.decode(String.self, forKey: .token), try container.decode(Timestamp.self, forKey: .scannedAt))
        }
    }

    /// The answer at sync: one result per item, in order.
    public struct OfflineRedemptions: Codable, Sendable, Equatable {
        public var accepted: Int, conflicts: Int, results: [OfflineResult]
        public init(accepted: Int, conflicts: Int, results: [OfflineResult]) {
            (self.accepted, self.conflicts, self.results) = (accepted, conflicts, results)
        }
    }

    /// `accepted` (with its receipt) or `conflict` (with the reason it does not count).
    public struct OfflineResult: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable { case accepted, conflict }
        public var status: Status, kid: String?, serial: UInt64?
        /// `accepted` only.
        public var valueCents: Int64?, redeemedAt: Timestamp?, receipt: String?
        /// `conflict` only.
        public var reason: Reason?, message: String?, scannedAt: Timestamp?, firstRedeemedAt: Timestamp?

        public init(status: Status, kid: String? = nil, serial: UInt64? = nil) {
            (self.status, self.kid, self.serial) = (status, kid, serial)
        }

        public static func accepted(kid: String, serial: UInt64, valueCents: Int64, redeemedAt: Timestamp, receipt: String) -> Self {
            var result = Self(status: .accepted, kid: kid, serial: serial)
            (result.valueCents, result.redeemedAt, result.receipt) = (valueCents, redeemedAt, receipt)
            return result
        }

        public static func conflict(
            kid: String? = nil, serial: UInt64? = nil, reason: Reason, message: String, scannedAt: Timestamp? = nil,
            firstRedeemedAt: Timestamp? = nil
        ) -> Self {
            var result = Self(status: .conflict, kid: kid, serial: serial)
            (result.reason, result.message, result.scannedAt, result.firstRedeemedAt) = (reason, message, scannedAt, firstRedeemedAt)
            return result
        }
    }
}
