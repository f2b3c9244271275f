import Foundation
import PassVerifier

/// A pass's identity in the spent list: (key id, serial), never the token text (SPEC.md §10).
public struct PassRef: Hashable, Sendable, CustomStringConvertible {
    public let kid: KeyID
    public let serial: Serial

    public init(kid: KeyID, serial: Serial) {
        self.kid = kid
        self.serial = serial
    }

    public var description: String { "\(kid)/\(serial)" }

    /// The number printed on the pass (SPEC.md §11), for people: settlements, statements.
    public var number: PassNumber { PassNumber(keyID: kid, serial: serial) }
}

/// What an account may do: a partner redeems passes, an office records hand-overs.
public enum AccountRole: String, Sendable {
    case partner, office
}

/// A partner association, as the store knows it. Its API key is never stored, only a hash.
public struct Partner: Hashable, Sendable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
    public let disabledAt: Date?
    /// A partner redeems passes; an office (same table, same kind of key) records hand-overs.
    public let role: AccountRole

    public init(id: Int64, name: String, createdAt: Date, disabledAt: Date?, role: AccountRole = .partner) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.role = role
    }

    public var isActive: Bool { disabledAt == nil }
}

/// A verified pass that a partner asks to redeem. The caller has verified the token: the store
/// only decides "first or not".
public struct RedemptionRequest: Sendable {
    public let pass: PassRef
    public let value: Cents
    public let partner: Partner
    /// When the counter scanned the pass. Online it is the service's clock; an offline journal
    /// brings its own scan time.
    public let redeemedAt: Date
    /// The token as scanned (200 digits, verified by the caller), kept so that an auditor can
    /// verify the pass again from a copy of the list.
    public let token: String

    public init(pass: PassRef, value: Cents, partner: Partner, redeemedAt: Date, token: String) {
        self.pass = pass
        self.value = value
        self.partner = partner
        self.redeemedAt = redeemedAt
        self.token = token
    }
}

/// A recorded redemption.
public struct Redemption: Hashable, Sendable {
    public let pass: PassRef
    public let value: Cents
    public let partnerID: Int64
    public let partnerName: String
    public let redeemedAt: Date
    /// The chain's link before this redemption (`RedemptionChain`), which its receipt carries;
    /// nil for a redemption recorded before the chain began (its receipt is then version 1).
    public let chainPrevious: ChainLink?
    /// The kind of help recorded with it (issue 13 §2), as the settlement reads it; nil when
    /// none was, or where it is not read.
    public let helpKind: String?

    public init(
        pass: PassRef, value: Cents, partnerID: Int64, partnerName: String, redeemedAt: Date, chainPrevious: ChainLink? = nil,
        helpKind: String? = nil
    ) {
        self.pass = pass
        self.value = value
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.redeemedAt = redeemedAt
        self.chainPrevious = chainPrevious
        self.helpKind = helpKind
    }
}

/// What became of one redemption request.
public enum RedemptionOutcome: Hashable, Sendable {
    /// Recorded, durably, by this request.
    case redeemed(Redemption)
    /// Someone redeemed it first: this is their redemption. It may be the same partner retrying
    /// after a lost answer, who can then be given its receipt again.
    case alreadySpent(first: Redemption)
    /// The serial was revoked; nothing recorded.
    case revoked(reason: String)

    /// When the pass was first redeemed, for `.alreadySpent`.
    public var firstRedeemedAt: Date? {
        if case .alreadySpent(let first) = self { first.redeemedAt } else { nil }
    }
}

/// A pass's state for `GET /v1/passes/{kid}/{serial}`.
public enum PassState: Hashable, Sendable {
    case unspent
    case spent(at: Date)
    case revoked(reason: String, at: Date)
}

/// A revocation of one serial or a range of serials (a carnet is a range).
public struct Revocation: Hashable, Sendable {
    public let kid: KeyID
    public let first: Serial
    public let last: Serial
    public let reason: String
    public let revokedAt: Date

    public init(kid: KeyID, first: Serial, last: Serial, reason: String, revokedAt: Date) throws(SpentListError) {
        guard first <= last else {
            throw SpentListError(.invalidRequest, "the first serial \(first) is after the last \(last)")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, TextBound.fits(reason, characters: 500) else {
            throw SpentListError(.invalidRequest, "a revocation needs a reason (at most 500 characters)")
        }
        self.kid = kid
        self.first = first
        self.last = last
        self.reason = reason
        self.revokedAt = revokedAt
    }

    public var count: UInt64 { last.value - first.value + 1 }
}

/// A bound on a text people type, in characters as they count them (a name in Arabic or with
/// accents is not shorter for being more bytes); the UTF-8 size is bounded too, at 8 bytes a
/// character, so that characters made of many scalars cannot make a huge row.
enum TextBound {
    static func fits(_ text: String, characters: Int) -> Bool {
        text.utf8.count <= 8 * characters && text.count <= characters
    }
}

extension Partner {
    /// A partner name as every store keeps it: trimmed, 1 to 100 characters, on one line,
    /// without commas (the CSV reports name partners).
    public static func validName(_ name: String) throws(SpentListError) -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, TextBound.fits(name, characters: 100), !name.contains(where: { $0.isNewline || $0 == "," }) else {
            throw SpentListError(.invalidRequest, "a partner name is 1 to 100 characters, on one line, without commas")
        }
        return name
    }
}
