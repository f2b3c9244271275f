import Foundation

/// Whole-file writes through an `OutputTarget`: the bytes go to a temporary file in the same
/// folder, are synced, then renamed (or linked, which fails if the name is taken, when
/// overwriting is not allowed). Nothing half-written ever appears under the final name.
public enum OutputFile {
    /// For what must stay with its owner: tokens, carnets, secret keys.
    public static let `private`: mode_t = 0o600
    /// For what anyone may read: trust lists, public keys, test vectors.
    public static let `public`: mode_t = 0o644

    /// Writes `bytes` to `path` with exactly `mode` (the umask neither widens nor narrows it).
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t, overwrite: Bool) throws(OutputError) {
        let target = try OutputTarget(final: path, overwrite: overwrite)
        do throws(OutputError) {
            let sink = try FileSink(creating: target.temporary, mode: mode)
            Array(bytes).withUnsafeBufferPointer { _ = sink.write($0) }
            guard fchmod(sink.fd, mode) == 0 else { throw OutputError.io("cannot write \(path)", errno: errno, path: path) }
            try sink.finish(naming: path)
            try target.commitFile()
        } catch {
            target.discard()
            throw error
        }
    }

    public static func read(_ path: String) throws(OutputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OutputError(.io, "cannot read \(path) (missing or unreadable)", subject: path)
        }
        return Array(data)
    }
}
