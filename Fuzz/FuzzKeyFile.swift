import PassVerifier

/// The secret key-file reader (Keys/README.md) on any bytes, with the passphrase "fuzz". A sealed
/// file is opened only when its Argon2id cost is tiny (the seeds of Fuzz/seeds.py use the
/// smallest): the reader allows up to 1 GiB, which would make each run take seconds. A key that
/// opens matches its header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyFile(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let sealed = KeyFile.needsPassphrase(input)
    let kid = KeyFile.keyID(input)
    precondition((sealed == nil) == (kid == nil), "needsPassphrase and keyID disagree")
    let key = try? KeyFile.openSigningKey(input) { () throws(IssuerError) -> SecretBytes in
        guard cheapCost(input) else { throw IssuerError(.noPassphrase, "too costly to fuzz") }
        return SecretBytes(copying: UnsafeRawBufferPointer(start: passphrase, count: passphrase.count))
    }
    if let key {
        precondition(key.kid == kid, "an opened key does not match its header")
    }
    return 0
}

private let passphrase: [UInt8] = Array("fuzz".utf8)

/// Argon2id's ops and memory fields (after the 46-byte header) are at most 2 passes and 64 KiB.
private func cheapCost(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 62 else { return true }
    let ops = bytes[46..<54].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let mem = bytes[54..<62].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return ops <= 2 && mem <= 64 << 10
}
