/// The one error type of `SpentList`: a stable machine code and a human message. Refusals of a
/// redemption (already spent, revoked) are outcomes, not errors; errors are what went wrong.
public struct SpentListError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The store cannot be opened, migrated, read or written.
        public static let storage = Code(rawValue: "storage")
        /// A store location that is not understood (`sqlite:PATH` is the only scheme so far).
        public static let badLocation = Code(rawValue: "bad_location")
        /// A partner name already in use, or an API key already known.
        public static let duplicatePartner = Code(rawValue: "duplicate_partner")
        /// No partner of this name.
        public static let unknownPartner = Code(rawValue: "unknown_partner")
        /// A request that makes no sense: an empty name, a serial range upside down, a bad period.
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// A receipt that cannot be decoded.
        public static let badReceipt = Code(rawValue: "bad_receipt")
        /// A receipt signed by another service key than the one given.
        public static let receiptKeyMismatch = Code(rawValue: "receipt_key_mismatch")
        /// A receipt whose signature does not match.
        public static let badReceiptSignature = Code(rawValue: "bad_receipt_signature")
        /// The store was written by a newer version of passnum.
        public static let newerSchema = Code(rawValue: "newer_schema")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
