/// A signed v1 pass: payload ‖ Ed25519 signature, 83 bytes (SPEC.md §3–4).
///
/// A `Token` is only well-formed, not trusted: `Verifier` decides whether it is genuine.
public struct Token: Hashable, Sendable {
    /// The ASCII domain string the signature covers before the payload.
    public static let domain = Array("pass-numerique:v1".utf8)
    /// An Ed25519 signature's size in bytes.
    public static let signatureSize = 64
    /// A token's size in bytes: 83.
    public static let size = Payload.size + signatureSize

    /// The signed fields.
    public let payload: Payload
    /// The 64-byte Ed25519 signature of `signedMessage(for: payload)`.
    public let signature: [UInt8]

    /// A token from a payload and its 64-byte signature (not checked here).
    public init(payload: Payload, signature: [UInt8]) {
        precondition(signature.count == Self.signatureSize, "an Ed25519 signature is 64 bytes")
        self.payload = payload
        self.signature = signature
    }

    /// Strict decoding of exactly 83 bytes.
    public init(bytes: some Collection<UInt8>) throws(PassError) {
        let b = Array(bytes)
        guard b.count == Self.size else {
            throw PassError(.malformed, "a token is \(Self.size) bytes, not \(b.count)")
        }
        self.payload = try Payload(bytes: b[0..<Payload.size])
        self.signature = Array(b[Payload.size...])
    }

    /// Strict decoding of the 200-digit text. Lenient clean-up (spaces, line ends, keyboard
    /// layouts) belongs to the scanner's input layer, never here (SPEC.md §4).
    public init(text: some StringProtocol) throws(PassError) {
        // A concrete buffer at once: a generic walk over the characters from another module
        // is not specialised and would cost more than the signature check's margin.
        var text = String(text)
        let bytes = text.withUTF8 { utf8 in Result { () throws(PassError) in try DecimalText.bytes(fromDigits: utf8) } }
        try self.init(bytes: bytes.get())
    }

    /// The 83 bytes: payload, then signature.
    public var bytes: [UInt8] { payload.bytes + signature }
    /// The 200-digit text printed on the pass and in its QR code.
    public var text: String { DecimalText.digits(fromBytes: bytes) }

    /// What the signature covers: the ASCII domain `pass-numerique:v1` followed by the payload.
    public static func signedMessage(for payload: Payload) -> [UInt8] {
        var message = domain
        message.reserveCapacity(domain.count + Payload.size)
        payload.append(to: &message)
        return message
    }
}
