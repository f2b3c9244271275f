import PassVerifier

/// The one error type of `SpentList`: a stable machine code and a human message. Refusals of a
/// redemption (already spent, revoked) are outcomes, not errors; errors are what went wrong.
public typealias SpentListError = ModuleError<SpentListErrorCode>

/// The codes of `SpentListError`.
public enum SpentListErrorCode: ErrorCode {
    /// The store cannot be opened, migrated, read or written.
    case storage
    /// The store does not exist, and the command only reads or may not create it.
    case missing
    /// A stored row holds a value out of range or missing: the data is damaged.
    case corruptRow
    /// The store's file was removed or replaced while it was open: nothing more is answered.
    case replaced
    /// A store location that is not understood (`sqlite:PATH`, a bare path or `postgres://USER@HOST:PORT/DB`), or a PostgreSQL URL holding a password.
    case badLocation
    /// A partner name already in use, or an API key already known.
    case duplicatePartner
    /// No partner of this name.
    case unknownPartner
    /// A request that makes no sense: an empty name, a serial range upside down, a bad period.
    case invalidRequest
    /// A receipt that cannot be decoded.
    case badReceipt
    /// A receipt signed by another service key than the one given.
    case receiptKeyMismatch
    /// A receipt whose signature does not match.
    case badReceiptSignature
    /// The store was written by a newer version of passnum.
    case newerSchema
}
