/// A stable, machine-readable error code of one module, as it travels in JSON and logs:
/// snake_case (`bad_key_file`). A module lists its codes as an enum of bare cases and gets the
/// text from the case name; `PassErrorCode` is a struct instead, so partners' switches over
/// the verifier's reasons keep compiling when SPEC.md adds one.
public protocol ErrorCode: Hashable, Sendable {
    var rawValue: String { get }
}

extension ErrorCode {
    /// The case name in snake_case: `badKeyFile` is `bad_key_file`.
    public var rawValue: String {
        var text = ""
        for character in String(describing: self) {
            if character.isUppercase { text += "_" }
            text += character.lowercased()
        }
        return text
    }
}

/// What every module error has: a stable code to act on (and to translate by: the CLI words
/// its messages from the code, never from the English text) and a message for logs.
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    associatedtype Code: ErrorCode
    var code: Code { get }
    var message: String { get }
}

extension CodedError {
    public var description: String { "\(code.rawValue): \(message)" }
}

/// The error type of a module that needs nothing beyond a code and a message, so a new module
/// declares its codes and one type alias (`typealias IssuerError = ModuleError<IssuerErrorCode>`).
public struct ModuleError<Code: ErrorCode>: CodedError, Equatable {
    public let code: Code
    public let message: String
    /// What the error is about (a path, a name), for a message worded again from the code.
    public let subject: String?

    public init(_ code: Code, _ message: String, subject: String? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
    }
}
