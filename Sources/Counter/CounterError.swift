import PassVerifier

/// The one error type of `Counter`: a stable machine code and a human message.
public typealias CounterError = ModuleError<CounterErrorCode>

/// The codes of `CounterError`.
public enum CounterErrorCode: ErrorCode {
    /// The image file is missing, unreadable, or not a PNG or JPEG.
    case unreadableImage
    /// The replica or the journal cannot be opened, read or written.
    case storage
    /// The spent-list service could not be reached or did not answer in time.
    case unreachable
    /// The service refused our credentials (401).
    case unauthorised
    /// There is no trust list to check passes against (never pulled, file missing or invalid).
    case noTrustList
    /// A root key is pinned and the service's trust list is unsigned, signed by another key,
    /// altered, or older than the one kept (`subject` says which).
    case untrustedTrustList
    /// The replica was never pulled, or its file does not exist.
    case noReplica
    /// The service answered something this version does not understand.
    case badAnswer
    /// The service's TLS certificate is not trusted (an unknown CA, another name): not retried.
    case untrusted
    /// Plain HTTP to another machine without `--insecure-http`: the key would travel in clear.
    case plainHTTP
}
