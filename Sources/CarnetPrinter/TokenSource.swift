import Foundation

/// Where tokens come from, one per line, read in blocks so that memory stays flat however many
/// there are. Blank lines are skipped but counted, so errors name the line in the file.
public protocol TokenSource {
    /// Up to `count` tokens with their 1-based line numbers; empty at the end.
    mutating func next(count: Int) throws(PrinterError) -> [(line: Int, text: String)]
}

/// Tokens already in memory (`passnum issue --pdf`, tests).
public struct TokenList: TokenSource {
    private let texts: [String]
    private var position = 0

    public init(_ texts: [String]) { self.texts = texts }

    public mutating func next(count: Int) throws(PrinterError) -> [(line: Int, text: String)] {
        let end = min(texts.count, position + count)
        defer { position = end }
        return (position..<end).map { ($0 + 1, texts[$0]) }
    }
}

/// Tokens read from a file descriptor (a file, or standard input).
public struct TokenFile: TokenSource {
    private let fd: Int32
    private let name: String
    private var pending: [UInt8] = []
    private var finished = false
    private var lineNumber = 0

    /// Reads from an open descriptor; the caller closes it.
    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public mutating func next(count: Int) throws(PrinterError) -> [(line: Int, text: String)] {
        var tokens: [(line: Int, text: String)] = []
        var start = 0
        while tokens.count < count {
            if let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                append(pending[start..<newline], to: &tokens)
                start = newline + 1
                continue
            }
            pending.removeSubrange(..<start)
            start = 0
            if finished {
                if !pending.isEmpty { append(pending[...], to: &tokens) }
                pending = []
                break
            }
            try fill()
        }
        pending.removeSubrange(..<start)
        return tokens
    }

    private mutating func append(_ line: ArraySlice<UInt8>, to tokens: inout [(line: Int, text: String)]) {
        lineNumber += 1
        let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        if !trimmed.isEmpty { tokens.append((lineNumber, String(decoding: trimmed, as: UTF8.self))) }
    }

    private mutating func fill() throws(PrinterError) {
        var block = [UInt8](repeating: 0, count: 1 << 18)
        let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { throw PrinterError.io("cannot read \(name)", errno: errno) }
        if n == 0 { finished = true } else { pending += block[..<n] }
    }
}
