import Foundation

/// Reads a file descriptor in large blocks and hands out complete lines in groups, so bulk
/// input of any length is processed in flat memory.
struct LineReader {
    private let fd: Int32
    private var pending: [UInt8] = []
    private var finished = false

    init(fd: Int32) { self.fd = fd }

    /// Up to `count` lines without their line ending ("\n" or "\r\n"); empty at the end.
    mutating func next(count: Int) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while lines.count < count {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(Self.trimmed(pending[..<newline]))
                pending.removeSubrange(...newline)
                continue
            }
            if finished {
                if !pending.isEmpty { lines.append(Self.trimmed(pending[...])) }
                pending = []
                break
            }
            let n = read(fd, &block, block.count)
            if n <= 0 { finished = true } else { pending += block[..<n] }
        }
        return lines.map { ArraySlice(Array($0)) }
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}
