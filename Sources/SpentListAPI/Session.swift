extension API {
    /// Who is signed in, and until when (absent when the caller used a bearer key).
    public struct Session: Codable, Sendable, Equatable {
        public var partner: String, expiresAt: Timestamp?
        public init(partner: String, expiresAt: Timestamp?) { (self.partner, self.expiresAt) = (partner, expiresAt) }
    }

    /// `POST /v1/session`: a browser signs in with its partner key once; the answer sets a session
    /// cookie, so the page never keeps the key.
    public struct SessionRequest: ContractRequest, Encodable, Equatable {
        public var key: String
        public init(key: String) { self.key = key }

        enum CodingKeys: String, CodingKey, CaseIterable { case key }

        public init(from decoder: any Decoder) throws {
            key = try decoder.strictContainer(CodingKeys.self).decode(String.self, forKey: .key)
        }
    }

    /// `POST /v1/frames`: the QR codes zbar found in one camera frame (raw texts, to be
    /// normalised and verified by the page like a scan).
    public struct Frame: Codable, Sendable, Equatable {
        public var texts: [String]
        public init(texts: [String]) { self.texts = texts }
    }
}
