import Foundation
import PassVerifier

/// A carnet handed out at an office: which carnet, which office, when. Nothing about the person
/// who received it, by design (README, "For programme staff"; SECURITY.md).
public struct Handout: Hashable, Sendable {
    public let kid: KeyID
    public let first: Serial
    public let last: Serial
    public let officeID: Int64
    public let officeName: String
    public let at: Date

    public init(kid: KeyID, first: Serial, last: Serial, officeID: Int64, officeName: String, at: Date) {
        (self.kid, self.first, self.last, self.officeID, self.officeName, self.at) = (kid, first, last, officeID, officeName, at)
    }
}

/// What became of a hand-over scan.
public enum HandoutOutcome: Hashable, Sendable {
    /// Recorded by this request.
    case recorded(Handout)
    /// The same carnet was handed out before: that hand-over stays (a second scan changes nothing).
    case already(Handout)
    /// Some of its passes were cancelled (a lost or stolen carnet): not recorded.
    case revoked(reason: String)
}
