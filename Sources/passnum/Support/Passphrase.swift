import Foundation
import PassIssuer

/// Where a key's passphrase comes from: `PASSNUM_PASSPHRASE` (for scripts), else the file named
/// by `PASSNUM_PASSPHRASE_FILE` (a service: systemd's LoadCredential= hands it over, so it is in
/// no environment and no unit file), else the terminal, read with echo off. It is held in
/// `SecretBytes` and never printed.
enum Passphrase {
    static let environmentVariable = "PASSNUM_PASSPHRASE"
    static let fileVariable = "PASSNUM_PASSPHRASE_FILE"

    /// Whether a passphrase is given without a terminal (a new receipt key is then sealed).
    static var isGiven: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment[environmentVariable] ?? "").isEmpty || !(environment[fileVariable] ?? "").isEmpty
    }

    /// For opening a key: asked once.
    static func forOpening() throws(IssuerError) -> SecretBytes {
        if let fromEnvironment = try environment() { return fromEnvironment }
        return try prompt(Words(en: "Passphrase for the issuer key: ", fr: "Phrase de passe de la clé d'émission : "))
    }

    /// For a new key: asked twice, at least 8 characters.
    static func forNewKey() throws(IssuerError) -> SecretBytes {
        if let fromEnvironment = try environment() { return try checked(fromEnvironment) }
        let first = try prompt(Words(en: "New passphrase (8 characters or more): ", fr: "Nouvelle phrase de passe (8 caractères ou plus) : "))
        let second = try prompt(Words(en: "Same passphrase again: ", fr: "La même phrase de passe, encore : "))
        let same = first.withUnsafeBytes { a in second.withUnsafeBytes { b in a.elementsEqual(b) } }
        guard same else { throw IssuerError(.noPassphrase, "the two passphrases differ") }
        return try checked(first)
    }

    private static func checked(_ passphrase: SecretBytes) throws(IssuerError) -> SecretBytes {
        guard passphrase.count >= 8 else {
            throw IssuerError(.noPassphrase, "the passphrase must have at least 8 characters")
        }
        return passphrase
    }

    private static func environment() throws(IssuerError) -> SecretBytes? {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[environmentVariable], !value.isEmpty {
            return Array(value.utf8).withUnsafeBytes { SecretBytes(copying: $0) }
        }
        guard let path = environment[fileVariable], !path.isEmpty else { return nil }
        guard var bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            throw IssuerError(.noPassphrase, "cannot read the passphrase file \(path) (\(fileVariable))")
        }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        // The file's first line; the newline an editor adds is not part of the passphrase.
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard !line.isEmpty else { throw IssuerError(.noPassphrase, "the passphrase file \(path) is empty") }
        return Array(line).withUnsafeBytes { SecretBytes(copying: $0) }
    }

    /// Reads one line from the controlling terminal with echo off.
    private static func prompt(_ words: Words) throws(IssuerError) -> SecretBytes {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            throw IssuerError(.noPassphrase, "no passphrase: \(environmentVariable) is not set and there is no terminal to ask")
        }
        defer { close(tty) }
        let question = Array(words.text.utf8)
        _ = write(tty, question, question.count)
        var saved = termios()
        tcgetattr(tty, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
        }
        let line = SecretBytes(count: 1024)
        var length = 0
        line.withUnsafeMutableBytes { buffer in
            var byte: UInt8 = 0
            while length < buffer.count, read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
                buffer[length] = byte
                length += 1
            }
        }
        return line.withUnsafeBytes { SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
    }
}
