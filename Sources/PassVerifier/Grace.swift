#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Verifier {
    /// `verify(text:at:)`, except that a pass expired less than `graceDays` days before `date`
    /// is checked as it was just before its expiry: a grace period the programme decides after
    /// printing, without signing anything again. Every other check is as strict as ever, and
    /// with 0 days this is `verify(text:at:)`.
    public func verify(text: some StringProtocol, at date: Date, graceDays: Int) throws(PassError) -> VerifiedPass {
        try verify(try Token(text: text), at: date, graceDays: graceDays)
    }

    public func verify(_ token: Token, at date: Date, graceDays: Int) throws(PassError) -> VerifiedPass {
        do {
            return try verify(token, at: date)
        } catch where error.code == .expired && graceDays > 0 {
            let expiry = token.payload.expiryDate
            guard date < expiry.addingTimeInterval(TimeInterval(graceDays) * 86_400) else { throw error }
            return try verify(token, at: expiry.addingTimeInterval(-0.001))
        }
    }
}
