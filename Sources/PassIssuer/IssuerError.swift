import PassVerifier

/// The one error type of `PassIssuer`: a stable machine code and a human message.
public typealias IssuerError = ModuleError<IssuerErrorCode>

/// The codes of `IssuerError`.
public enum IssuerErrorCode: ErrorCode {
    /// The key file is not a passnum secret key, or it is damaged.
    case badKeyFile
    /// The passphrase does not open the key file.
    case wrongPassphrase
    /// No passphrase could be had (no terminal, no PASSNUM_PASSPHRASE), or the two entries differ.
    case noPassphrase
    /// A file exists and `--force` was not given.
    case exists
    /// An output's name is taken by a device, a FIFO, a link or a folder: never replaced.
    case notRegularFile
    /// A file could not be read or written.
    case io
    /// The trust list is not usable.
    case trustList
    /// A root key is pinned and the trust list's signature is missing or does not verify.
    case trustListSignature
    /// The key is unknown to the trust list, revoked, or not valid when the passes are used.
    case keyUnusable
    /// An issuing request that makes no sense: value, expiry, counts.
    case invalidRequest
    /// The issuance ledger cannot be opened or updated.
    case ledger
    /// The ledger has never seen this key: it was not made with it, so its serials are not here.
    case keyNotInLedger
    /// A key's serials are used up (2^48 − 1).
    case serialsExhausted
}
