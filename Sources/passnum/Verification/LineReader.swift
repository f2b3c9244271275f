import Foundation

/// Reads a file descriptor in large blocks and hands out complete lines in groups, so bulk
/// input of any length is processed in flat memory.
struct LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0  // first byte not yet handed out
    private var finished = false

    init(fd: Int32) { self.fd = fd }

    /// Up to `count` lines without their line ending ("\n" or "\r\n"); empty at the end.
    mutating func next(count: Int) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        while lines.count < count {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(Self.trimmed(buffer[start..<newline]))
                start = newline + 1
            } else if finished {
                if start < buffer.count { lines.append(Self.trimmed(buffer[start...])) }
                start = buffer.count
                break
            } else {
                refill()
            }
        }
        return lines
    }

    /// Drops what was handed out (once per block, not per line) and reads the next block.
    private mutating func refill() {
        buffer.removeSubrange(..<start)
        start = 0
        var block = [UInt8](repeating: 0, count: 1 << 20)
        let n = read(fd, &block, block.count)
        if n > 0 {
            buffer += block[..<n]
        } else if n < 0, errno == EINTR {
            return
        } else {
            finished = true
        }
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}
