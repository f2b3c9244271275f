import Foundation

/// A file or folder written under a temporary name beside its final one and renamed at the end,
/// so an interrupted run never leaves a half PDF that looks complete.
struct OutputPath {
    let final: String
    let temporary: String
    let overwrite: Bool

    init(final: String, overwrite: Bool) throws(PrinterError) {
        let url = URL(fileURLWithPath: final)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw PrinterError(.io, "cannot write \(final): folder \(folder) does not exist")
        }
        guard overwrite || !FileManager.default.fileExists(atPath: final) else {
            throw PrinterError(.exists, "\(final) already exists (use --force to replace it)")
        }
        self.final = final
        self.overwrite = overwrite
        temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
    }

    /// Moves the finished file into place. Without `overwrite`, link() refuses a name that
    /// appeared meanwhile instead of replacing it.
    func commitFile() throws(PrinterError) {
        defer {
            unlink(temporary)
            TemporaryOutputs.forget(temporary)
        }
        if overwrite {
            guard rename(temporary, final) == 0 else { throw .io("cannot rename to \(final)", errno: errno) }
        } else {
            guard link(temporary, final) == 0 else {
                throw errno == EEXIST
                    ? PrinterError(.exists, "\(final) already exists (use --force to replace it)")
                    : .io("cannot write \(final)", errno: errno)
            }
        }
        syncFolder()
    }

    /// Moves the finished folder into place, replacing an old one only with `overwrite`.
    func commitFolder() throws(PrinterError) {
        defer { TemporaryOutputs.forget(temporary) }
        if overwrite, FileManager.default.fileExists(atPath: final) {
            let old = temporary + ".old"
            guard rename(final, old) == 0 else { throw .io("cannot replace \(final)", errno: errno) }
            try? FileManager.default.removeItem(atPath: old)
        }
        guard rename(temporary, final) == 0 else {
            let code = errno
            throw code == EEXIST || code == ENOTEMPTY
                ? PrinterError(.exists, "\(final) already exists (use --force to replace it)")
                : .io("cannot rename to \(final)", errno: code)
        }
        syncFolder()
    }

    func discard() {
        try? FileManager.default.removeItem(atPath: temporary)
        TemporaryOutputs.forget(temporary)
    }

    private func syncFolder() {
        let fd = open(URL(fileURLWithPath: final).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}

/// The temporary outputs being written, so that a command stopped by Ctrl-C can remove them.
public enum TemporaryOutputs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    static func remember(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    static func forget(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// Removes every temporary output still in progress (call on SIGINT or SIGTERM).
    public static func removeAll() {
        lock.withLock {
            for path in paths {
                // Renamed first: threads still writing images into the folder by its name then
                // fail instead of refilling it while it is being removed.
                let doomed = path + ".removing"
                try? FileManager.default.removeItem(atPath: rename(path, doomed) == 0 ? doomed : path)
            }
            paths.removeAll()
        }
    }
}

/// Buffered writes to a file descriptor, remembering the first failure (cairo's stream callback
/// can only say "write error"; this keeps the reason).
final class FileSink {
    let fd: Int32
    private(set) var failure: Int32?
    private var buffer: [UInt8] = []

    init(creating path: String) throws(PrinterError) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create \(path)", errno: errno) }
        TemporaryOutputs.remember(path)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        buffer.append(contentsOf: bytes)
        return buffer.count < 1 << 20 || flush()
    }

    /// Writes out the buffer; false (and `failure` set) on error.
    @discardableResult
    func flush() -> Bool {
        var written = 0
        while written < buffer.count, failure == nil {
            let n = buffer[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { failure = errno } else { written += n }
        }
        buffer.removeAll(keepingCapacity: true)
        return failure == nil
    }

    /// Flushes and syncs to disk, or throws with the first failure.
    func finish(naming path: String) throws(PrinterError) {
        flush()
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if let failure { throw .io("cannot write \(path)", errno: failure) }
    }
}
