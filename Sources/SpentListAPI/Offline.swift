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

    /// A pass a counter accepted offline, and when; with the kind of help given, when the
    /// counter recorded one (issue 13 §2: `scan --help-given`, the web counter's one tap).
    public struct OfflineItem: Codable, Sendable, Equatable {
        public var token: String, scannedAt: Timestamp
        /// One of the programme's `helpKinds`; recorded with the redemption only if it counts.
        public var helpKind: String?

        public init(token: String, scannedAt: Timestamp, helpKind: String? = nil) {
            (self.token, self.scannedAt, self.helpKind) = (token, scannedAt, helpKind)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case token, scannedAt, helpKind }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(CodingKeys.self)
            (token, scannedAt) = (try container.decode(String.self, forKey: .token), try container.decode(Timestamp.self, forKey: .scannedAt))
            // `helpKind` may be left out, but not given as null (decodeIfPresent would take null).
            helpKind = container.contains(.helpKind) ? try container.decode(String.self, forKey: .helpKind) : nil
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
        /// `accepted` only: the item's kind of help, when it is one of the programme's (it is
        /// then recorded with the redemption); absent otherwise.
        public var helpKind: String?
        /// `conflict` only.
        public var reason: Reason?, message: String?, scannedAt: Timestamp?, firstRedeemedAt: Timestamp?

        public init(status: Status, kid: String? = nil, serial: UInt64? = nil) {
            (self.status, self.kid, self.serial) = (status, kid, serial)
        }

        public static func accepted(
            kid: String, serial: UInt64, valueCents: Int64, redeemedAt: Timestamp, receipt: String, helpKind: String? = nil
        ) -> Self {
            var result = Self(status: .accepted, kid: kid, serial: serial)
            (result.valueCents, result.redeemedAt, result.receipt, result.helpKind) = (valueCents, redeemedAt, receipt, helpKind)
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
