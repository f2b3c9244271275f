import Foundation

/// Whole-file writes that never leave a half-written file under the final name: the bytes go
/// to a temporary file in the same folder, are flushed to disk, then renamed (or linked, which
/// fails if the name is taken, when overwriting is not allowed).
public enum AtomicFile {
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644, overwrite: Bool) throws(IssuerError) {
        let temporary = try writeTemporary(Array(bytes), beside: path, mode: mode)
        defer { unlink(temporary) }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw failure("cannot write \(path)") }
        } else {
            guard link(temporary, path) == 0 else {
                throw errno == EEXIST
                    ? IssuerError(.exists, "\(path) already exists (use --force to replace it)")
                    : failure("cannot write \(path)")
            }
        }
        syncFolder(of: path)
    }

    /// A temporary name beside `path`, for callers that stream a large file and rename it last.
    public static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
    }

    public static func read(_ path: String) throws(IssuerError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IssuerError(.io, "cannot read \(path) (missing or unreadable)")
        }
        return Array(data)
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String, mode: mode_t) throws(IssuerError) -> String {
        let temporary = temporaryPath(beside: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot create a file beside \(path)") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                unlink(temporary)
                throw failure("cannot write \(path)")
            }
            written += n
        }
        // The umask must not widen or narrow a secret key's mode.
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            unlink(temporary)
            throw failure("cannot write \(path)")
        }
        return temporary
    }

    static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    private static func failure(_ what: String) -> IssuerError {
        IssuerError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}
