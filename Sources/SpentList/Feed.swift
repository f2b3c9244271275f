import Foundation
import PassVerifier

/// A position in the delta feed. Opaque to clients: today the decimal of a feed sequence
/// number that the store assigns itself at commit (never a rowid), so every store that keeps
/// the promise below can hand out the same cursors.
///
/// The promise: once a page ending at cursor C was returned, no item at or before C appears
/// later. Stores keep it by assigning sequence numbers inside the writing transaction, under
/// the lock that orders commits (the `feed_counter` row).
public struct FeedCursor: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let sequence: Int64

    public static let start = FeedCursor(sequence: 0)

    public init(sequence: Int64) {
        self.sequence = sequence
    }

    /// Parses a cursor a client sent back; nil when it is not one of ours.
    public init?(text: some StringProtocol) {
        // 18 digits at most, openapi.yaml's pattern: every such number is an Int64.
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (48...57).contains($0) }),
              let value = Int64(text), value >= 0
        else { return nil }
        sequence = value
    }

    public var text: String { String(sequence) }
    public var description: String { text }
    public static func < (lhs: FeedCursor, rhs: FeedCursor) -> Bool { lhs.sequence < rhs.sequence }
}

/// One change to replicate: a pass spent, a range of serials revoked, or a carnet handed out.
public struct FeedItem: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case spent, revoked
        case handedOut = "handed_out"
    }

    public let cursor: FeedCursor
    public let kind: Kind
    public let kid: KeyID
    public let first: Serial
    /// Equal to `first` for a spent pass.
    public let last: Serial
    public let at: Date

    public init(cursor: FeedCursor, kind: Kind, kid: KeyID, first: Serial, last: Serial, at: Date) {
        self.cursor = cursor
        self.kind = kind
        self.kid = kid
        self.first = first
        self.last = last
        self.at = at
    }
}

public struct FeedPage: Sendable {
    public let items: [FeedItem]
    /// Where to resume: the last item's cursor, or the one asked for when nothing is new.
    public let next: FeedCursor
    /// Whether more items wait after `next`.
    public let more: Bool

    public init(items: [FeedItem], next: FeedCursor, more: Bool) {
        self.items = items
        self.next = next
        self.more = more
    }
}
