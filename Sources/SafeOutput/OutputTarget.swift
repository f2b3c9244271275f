import Foundation

/// An output written under a hidden temporary name beside its final one, synced, and renamed at
/// the end, so an interrupted run never leaves a half-written file that looks complete. Only
/// regular files (or, for a folder output, folders) are ever replaced.
public struct OutputTarget: Sendable {
    public enum Kind: Sendable { case file, folder }

    public let final: String
    public let temporary: String
    public let overwrite: Bool
    public let kind: Kind

    public init(final: String, overwrite: Bool, kind: Kind = .file) throws(OutputError) {
        let url = URL(fileURLWithPath: final)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputError(.io, "cannot write \(final): folder \(folder) does not exist", subject: final)
        }
        self.final = final
        self.overwrite = overwrite
        self.kind = kind
        temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        try checkFinalName()
    }

    /// Refuses a final name taken by something other than what this output is, and a taken
    /// name without `overwrite`.
    func checkFinalName() throws(OutputError) {
        var status = stat()
        guard lstat(final, &status) == 0 else { return }
        let type = status.st_mode & S_IFMT
        guard type == (kind == .file ? S_IFREG : S_IFDIR) else {
            throw OutputError(.notRegularFile, "\(final) is \(kind == .file ? "not a regular file" : "not a folder"); passnum does not replace it", subject: final)
        }
        guard overwrite else {
            throw OutputError(.exists, "\(final) already exists (use --force to replace it)", subject: final)
        }
    }

    /// Moves the finished file into place. Without `overwrite`, link() refuses a name that
    /// appeared meanwhile instead of replacing it.
    public func commitFile() throws(OutputError) {
        defer {
            unlink(temporary)
            TemporaryOutputs.forget(temporary)
        }
        try checkFinalName()
        if overwrite {
            guard rename(temporary, final) == 0 else { throw .io("cannot rename to \(final)", errno: errno, path: final) }
        } else {
            guard link(temporary, final) == 0 else {
                throw errno == EEXIST
                    ? OutputError(.exists, "\(final) already exists (use --force to replace it)", subject: final)
                    : .io("cannot write \(final)", errno: errno, path: final)
            }
        }
        syncFolder()
    }

    /// Moves the finished folder into place, replacing an old one only with `overwrite`.
    public func commitFolder() throws(OutputError) {
        defer { TemporaryOutputs.forget(temporary) }
        try checkFinalName()
        if overwrite, FileManager.default.fileExists(atPath: final) {
            let old = temporary + ".old"
            guard rename(final, old) == 0 else { throw .io("cannot replace \(final)", errno: errno, path: final) }
            try? FileManager.default.removeItem(atPath: old)
        }
        guard rename(temporary, final) == 0 else {
            let code = errno
            throw code == EEXIST || code == ENOTEMPTY
                ? OutputError(.exists, "\(final) already exists (use --force to replace it)", subject: final)
                : .io("cannot rename to \(final)", errno: code, path: final)
        }
        syncFolder()
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: temporary)
        TemporaryOutputs.forget(temporary)
    }

    /// Makes the rename itself durable.
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

    public static func remember(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    public static func forget(_ path: String) {
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
