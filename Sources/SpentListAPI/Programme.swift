extension API {
    /// `GET /v1/programme`: the programme's decisions that the service and every counter apply
    /// (set with `passnum programme set`). Counters keep a copy in their replica for offline use.
    public struct Programme: Codable, Sendable, Equatable {
        /// Passes of a carnet not yet handed out at an office are refused ("not_distributed").
        public var requireHandout: Bool
        /// The kinds of help a partner may record at a redemption (short codes, 1 to 12 of them).
        public var helpKinds: [String]
        /// Days after its printed expiry during which a pass is still accepted (0 to 366): a
        /// grace period decided by the programme, applied without signing anything again.
        public var graceDays: Int

        public static let standard = Programme(
            requireHandout: false, helpKinds: ["mailbox", "cv", "online_forms", "device_setup", "other"], graceDays: 0)

        public init(requireHandout: Bool, helpKinds: [String], graceDays: Int) {
            (self.requireHandout, self.helpKinds, self.graceDays) = (requireHandout, helpKinds, graceDays)
        }

        /// Why these settings cannot be used, or nil when they can.
        public var problem: String? {
            guard (0...366).contains(graceDays) else { return "the grace period is 0 to 366 days" }
            guard (1...12).contains(helpKinds.count), Set(helpKinds).count == helpKinds.count else {
                return "the kinds of help are 1 to 12 different codes"
            }
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_".utf8)
            guard helpKinds.allSatisfy({ (1...32).contains($0.utf8.count) && $0.utf8.allSatisfy(allowed.contains) }) else {
                return "a kind of help is 1 to 32 of a-z, 0-9 and _ (as in online_forms)"
            }
            return nil
        }
    }

    /// `POST /v1/handouts` (an office key): the carnet whose stub was scanned is handed out now.
    public struct HandoutRequest: ContractRequest, Encodable, Equatable {
        public var kid: String, first: UInt64, count: Int
        public init(kid: String, first: UInt64, count: Int) { (self.kid, self.first, self.count) = (kid, first, count) }

        enum CodingKeys: String, CodingKey, CaseIterable { case kid, first, count }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(CodingKeys.self)
            kid = try container.decode(String.self, forKey: .kid)
            first = try container.decode(UInt64.self, forKey: .first)
            count = try container.decode(Int.self, forKey: .count)
        }
    }

    /// 201 (recorded now) or 200 (this carnet was already handed out: when and by which office).
    public struct Handout: Codable, Sendable, Equatable {
        public var kid: String, first: UInt64, last: UInt64, office: String, handedOutAt: Timestamp, new: Bool

        public init(kid: String, first: UInt64, last: UInt64, office: String, handedOutAt: Timestamp, new: Bool) {
            (self.kid, self.first, self.last, self.office, self.handedOutAt, self.new) = (kid, first, last, office, handedOutAt, new)
        }
    }
}

extension API {
    /// `POST /v1/redemptions/{kid}/{serial}/help` (the partner that redeemed the pass): the kind
    /// of help it gave, one of the programme's `helpKinds`. Reported as totals only. The
    /// answer (200) is the same object with the pass it was recorded for.
    public struct HelpRequest: ContractRequest, Encodable, Equatable {
        enum CodingKeys: String, CodingKey, CaseIterable { case kind }

        public init(from decoder: any Decoder) throws {
            self.init(kind: try decoder.strictContainer(CodingKeys.self).decode(String.self, forKey: .kind))
        }

        public init(kind: String) { self.kind = kind }
        public var kind: String
    }

    public struct Help: Codable, Sendable, Equatable {
        public init(kid: String, serial: UInt64, kind: String) { (self.kid, self.serial, self.kind) = (kid, serial, kind) }
        /// The pass, and the kind of help now recorded with its redemption.
        public var kid: String, serial: UInt64, kind: String
    }
}
