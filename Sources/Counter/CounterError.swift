/// The one error type of `Counter`: a stable machine code and a human message.
public struct CounterError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The image file is missing, unreadable, or not a PNG or JPEG.
        public static let unreadableImage = Code(rawValue: "unreadable_image")
        /// The replica or the journal cannot be opened, read or written.
        public static let storage = Code(rawValue: "storage")
        /// The spent-list service could not be reached or did not answer in time.
        public static let unreachable = Code(rawValue: "unreachable")
        /// The service refused our credentials (401).
        public static let unauthorised = Code(rawValue: "unauthorised")
        /// The service answered something this version does not understand.
        public static let badAnswer = Code(rawValue: "bad_answer")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
