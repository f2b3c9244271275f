extension API {
    /// Who is signed in, and until when (absent when the caller used a bearer key). A partner's
    /// session names its partner, an office's its office; the admin's names neither.
    public struct Session: Codable, Sendable, Equatable {
        /// The kind of key a session was opened with, which decides the routes and pages it opens.
        public enum Role: String, Codable, Sendable, CaseIterable { case partner, office, admin }

        public var role: Role, partner: String?, office: String?, expiresAt: Timestamp?
        public init(role: Role, partner: String? = nil, office: String? = nil, expiresAt: Timestamp?) {
            (self.role, self.partner, self.office, self.expiresAt) = (role, partner, office, expiresAt)
        }
    }

    /// `POST /v1/session`: a browser signs in with its key once (a partner's, an office's or the
    /// admin's); the answer sets a session cookie, so the page never keeps the key.
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
