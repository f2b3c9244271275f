import Foundation
import PassVerifier

/// What can go wrong writing an output; `subject` is the output's path. PassIssuer and
/// CarnetPrinter turn it into their own error with the same code.
public typealias OutputError = ModuleError<OutputErrorCode>

public enum OutputErrorCode: ErrorCode {
    /// The output exists and overwriting was not allowed.
    case exists
    /// The output's name is taken by something that is not a regular file (a device such as
    /// /dev/full, a FIFO, a symbolic link, a folder): refused even when overwriting is allowed,
    /// since renaming over it would replace it with a regular file.
    case notRegularFile
    /// A file could not be created, written, synced or renamed.
    case io
}

extension ModuleError where Code == OutputErrorCode {
    static func io(_ what: String, errno code: Int32, path: String) -> OutputError {
        OutputError(.io, "\(what): \(String(cString: strerror(code)))", subject: path)
    }
}
