/// The one error type of `PassIssuer`: a stable machine code and a human message.
public struct IssuerError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The key file is not a passnum secret key, or it is damaged.
        public static let badKeyFile = Code(rawValue: "bad_key_file")
        /// The passphrase does not open the key file.
        public static let wrongPassphrase = Code(rawValue: "wrong_passphrase")
        /// No passphrase could be had (no terminal, no PASSNUM_PASSPHRASE), or the two entries differ.
        public static let noPassphrase = Code(rawValue: "no_passphrase")
        /// A file exists and `--force` was not given.
        public static let exists = Code(rawValue: "exists")
        /// A file could not be read or written.
        public static let io = Code(rawValue: "io")
        /// The trust list is not usable.
        public static let trustList = Code(rawValue: "trust_list")
        /// The key is unknown to the trust list, revoked, or not valid when the passes are used.
        public static let keyUnusable = Code(rawValue: "key_unusable")
        /// An issuing request that makes no sense: value, expiry, counts.
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// The issuance ledger cannot be opened or updated.
        public static let ledger = Code(rawValue: "ledger")
        /// A key's serials are used up (2^48 − 1).
        public static let serialsExhausted = Code(rawValue: "serials_exhausted")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
