import Foundation

/// Buffered writes to a new file, remembering the first failure (cairo's stream callback can
/// only say "write error"; this keeps the reason).
public final class FileSink {
    public let fd: Int32
    public private(set) var failure: Int32?
    private var buffer: [UInt8] = []

    /// Creates `path`, which must not exist, with `mode` less the umask: never looser than asked.
    public init(creating path: String, mode: mode_t = OutputFile.private) throws(OutputError) {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .io("cannot create \(path)", errno: errno, path: path) }
        TemporaryOutputs.remember(path)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        buffer.append(contentsOf: bytes)
        return buffer.count < 1 << 20 || flush()
    }

    /// The body of a C write callback (cairo's stream functions) whose closure is a FileSink.
    public static func write(to closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> Bool {
        Unmanaged<FileSink>.fromOpaque(closure!).takeUnretainedValue().write(UnsafeBufferPointer(start: data, count: Int(length)))
    }

    /// Writes out the buffer; false (and `failure` set) on error.
    @discardableResult
    public func flush() -> Bool {
        var written = 0
        while written < buffer.count, failure == nil {
            let n = buffer[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { failure = errno } else { written += n }
        }
        buffer.removeAll(keepingCapacity: true)
        return failure == nil
    }

    /// Flushes and syncs to disk, or throws with the first failure.
    public func finish(naming path: String) throws(OutputError) {
        flush()
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if let failure { throw .io("cannot write \(path)", errno: failure, path: path) }
    }
}
