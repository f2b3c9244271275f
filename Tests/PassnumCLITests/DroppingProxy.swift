import Foundation

/// A loopback HTTP proxy for one test: it forwards each request to the service and relays the
/// answer, except that it swallows the answer to the first request whose first line starts with
/// `dropFirst` (or, with `only`, the answers to those requests among them: 1 is the first):
/// the service did the work, the client hears nothing, as when a 201 is lost.
/// One request per connection (it closes after each answer).
final class DroppingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let dropFirst: String
    private let lock = NSLock()
    private let only: Set<Int>
    private var matched = 0
    private var dropped = 0

    init(upstreamPort: Int, dropFirst: String, only: Set<Int> = [1]) throws {
        self.upstreamPort = upstreamPort
        self.dropFirst = dropFirst
        self.only = only
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    var droppedCount: Int { lock.withLock { dropped } }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in relay(client) }.start()
        }
    }

    private func relay(_ client: Int32) {
        defer { close(client) }
        guard let request = Self.readMessage(client) else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { return }
        Self.writeAll(request, to: upstream)
        guard let answer = Self.readMessage(upstream) else { return }
        let drop = lock.withLock {
            guard String(decoding: request.prefix(64), as: UTF8.self).hasPrefix(dropFirst) else { return false }
            matched += 1
            guard only.contains(matched) else { return false }
            dropped += 1
            return true
        }
        if !drop { Self.writeAll(answer, to: client) }
    }

    /// Reads one HTTP message: the head, then Content-Length bytes of body.
    private static func readMessage(_ fd: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let end = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count >= end.upperBound + length { return Array(data[..<(end.upperBound + length)]) }
            }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return nil }
            data += buffer[..<n]
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
