extension API {
    /// `GET /v1/settlement` (and `passnum settlement --json`): redemptions and totals per partner
    /// for a period, with the conflicts of that period.
    public struct Settlement: Codable, Sendable, Equatable {
        public var from: Timestamp, to: Timestamp, count: Int, totalCents: Int64, partners: [PartnerSettlement], conflicts: [Conflict]

        public init(from: Timestamp, to: Timestamp, count: Int, totalCents: Int64, partners: [PartnerSettlement], conflicts: [Conflict]) {
            (self.from, self.to, self.count) = (from, to, count)
            (self.totalCents, self.partners, self.conflicts) = (totalCents, partners, conflicts)
        }
    }

    public struct PartnerSettlement: Codable, Sendable, Equatable {
        public var partner: String, count: Int, totalCents: Int64, passes: [SettledPass]
        public init(partner: String, count: Int, totalCents: Int64, passes: [SettledPass]) {
            (self.partner, self.count, self.totalCents, self.passes) = (partner, count, totalCents, passes)
        }
    }

    public struct SettledPass: Codable, Sendable, Equatable {
        public var kid: String, serial: UInt64, valueCents: Int64, redeemedAt: Timestamp
        /// The kind of help recorded with the pass (one of the programme's), absent when none was.
        public var helpKind: String?
        public init(kid: String, serial: UInt64, valueCents: Int64, redeemedAt: Timestamp, helpKind: String? = nil) {
            (self.kid, self.serial, self.valueCents, self.redeemedAt, self.helpKind) = (kid, serial, valueCents, redeemedAt, helpKind)
        }
    }

    /// An offline redemption that does not count, with both partners and both times; the first
    /// ones are null when no redemption counts (say, a revoked pass).
    public struct Conflict: Codable, Sendable, Equatable {
        public var kid: String, serial: UInt64, valueCents: Int64, reason: Reason, partner: String, scannedAt: Timestamp
        public var firstPartner: String?, firstRedeemedAt: Timestamp?, recordedAt: Timestamp

        public init(
            kid: String, serial: UInt64, valueCents: Int64, reason: Reason, partner: String, scannedAt: Timestamp,
            firstPartner: String?, firstRedeemedAt: Timestamp?, recordedAt: Timestamp
        ) {
            (self.kid, self.serial, self.valueCents, self.reason, self.partner) = (kid, serial, valueCents, reason, partner)
            (self.scannedAt, self.firstPartner, self.firstRedeemedAt, self.recordedAt) = (scannedAt, firstPartner, firstRedeemedAt, recordedAt)
        }

        enum CodingKeys: String, CodingKey {
            case kid, serial, valueCents, reason, partner, scannedAt, firstPartner, firstRedeemedAt, recordedAt
        }

        /// The two first-redemption fields are always present, null when absent (openapi.yaml:
        /// required and nullable); the synthesized encoding would leave them out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kid, forKey: .kid)
            try c.encode(serial, forKey: .serial)
            try c.encode(valueCents, forKey: .valueCents)
            try c.encode(reason, forKey: .reason)
            try c.encode(partner, forKey: .partner)
            try c.encode(scannedAt, forKey: .scannedAt)
            try c.encode(firstPartner, forKey: .firstPartner)
            try c.encode(firstRedeemedAt, forKey: .firstRedeemedAt)
            try c.encode(recordedAt, forKey: .recordedAt)
        }
    }

    /// `GET /v1/conflicts` (and `passnum conflicts --json`).
    public struct Conflicts: Codable, Sendable, Equatable {
        public var from: Timestamp, to: Timestamp, conflicts: [Conflict]
        public init(from: Timestamp, to: Timestamp, conflicts: [Conflict]) { (self.from, self.to, self.conflicts) = (from, to, conflicts) }
    }
}
