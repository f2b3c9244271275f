import CSodium

/// Secret bytes that are zeroed with `sodium_memzero` when the last reference goes away,
/// and that never show up in a description, a log line or a debugger dump.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    // Immutable after init; `@unchecked` only because the storage is a raw buffer.
    private let storage: UnsafeMutableBufferPointer<UInt8>

    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0)
    }

    /// Copies `bytes` in; the caller should zero its own copy.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count)
        UnsafeMutableRawBufferPointer(storage).copyMemory(from: bytes)
    }

    deinit {
        sodium_memzero(storage.baseAddress, storage.count)
        storage.deallocate()
    }

    public var count: Int { storage.count }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(storage))
    }

    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(storage))
    }

    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
}
