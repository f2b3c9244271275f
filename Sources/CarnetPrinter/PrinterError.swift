import Foundation
import PassVerifier
import SafeOutput

/// The one error type of `CarnetPrinter`: a stable machine code and a human message. Nothing
/// is left under an output's final name when one of these is thrown.
public struct PrinterError: CodedError, Equatable {
    public enum Code: ErrorCode {
        /// A token did not verify; `reason` holds the verifier's code (SPEC.md §6).
        case tokenRefused
        /// The passes cannot be grouped into carnets: a count that is not a multiple of the
        /// carnet size, or a carnet whose serials are not consecutive, of one key, value and expiry.
        case badCarnet
        /// A setting out of its range: passes per carnet, PNG resolution.
        case invalidSetting
        /// No tokens to print.
        case noTokens
        /// A font file is missing or unreadable; no other font is substituted.
        case fontMissing
        /// A text does not fit its place on the pass (a note or label too long).
        case textTooLong
        /// libqrencode refused the text (cannot happen for a valid v1 token).
        case qrEncoding
        /// The output exists and overwriting was not allowed.
        case exists
        /// The output's name is taken by a device, a FIFO, a link, or a file where a folder goes.
        case notRegularFile
        /// A file could not be read, written or renamed; cairo or zlib failed.
        case io
    }

    public let code: Code
    public let message: String
    /// For `tokenRefused`: why the verifier refused the token.
    public let reason: PassError?
    /// For `tokenRefused`: the 1-based line of the token in its input.
    public let line: Int?
    /// For output errors: the output's path.
    public private(set) var subject: String?

    public init(_ code: Code, _ message: String, reason: PassError? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
        self.line = line
    }

    static func refused(_ reason: PassError, line: Int) -> PrinterError {
        PrinterError(.tokenRefused, "token on line \(line) refused: \(reason.code): \(reason.message)", reason: reason, line: line)
    }

    /// An output failure with the same code.
    init(_ error: OutputError) {
        let code: Code = switch error.code {
        case .exists: .exists
        case .notRegularFile: .notRegularFile
        case .io: .io
        }
        self.init(code, error.message)
        subject = error.subject
    }

    static func io(_ what: String, errno code: Int32) -> PrinterError {
        PrinterError(.io, "\(what): \(String(cString: strerror(code)))")
    }
}
