import Foundation
import SafeOutput

/// Whole-file writes and reads with the issuer's error type, through the project's one atomic
/// output (`SafeOutput`): synced, renamed into place, regular files only. The mode defaults to
/// 0600 because most of what the issuer writes holds passes or keys; public files say 0644.
public enum AtomicFile {
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = OutputFile.private, overwrite: Bool) throws(IssuerError) {
        do {
            try OutputFile.write(bytes, to: path, mode: mode, overwrite: overwrite)
        } catch {
            throw IssuerError(error)
        }
    }

    /// Checks, before any work, that `path` can be written: its folder exists, and its name is
    /// free or, with `overwrite`, a regular file.
    public static func checkOutput(_ path: String, overwrite: Bool) throws(IssuerError) {
        do {
            _ = try OutputTarget(final: path, overwrite: overwrite)
        } catch {
            throw IssuerError(error)
        }
    }

    public static func read(_ path: String) throws(IssuerError) -> [UInt8] {
        do {
            return try OutputFile.read(path)
        } catch {
            throw IssuerError(error)
        }
    }
}

extension IssuerError {
    /// An output failure with the same code.
    public init(_ error: OutputError) {
        let code: IssuerErrorCode = switch error.code {
        case .exists: .exists
        case .notRegularFile: .notRegularFile
        case .io: .io
        }
        self.init(code, error.message, subject: error.subject)
    }
}
