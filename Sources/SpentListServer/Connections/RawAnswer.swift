import Foundation
import NIOCore
import SpentListAPI

/// An error answer written as bytes, for the few cases where no HTTP request was decoded to
/// answer through Hummingbird (a request that never arrived whole). The body is the same
/// `{"error", "message"}` JSON as every other error.
enum RawAnswer {
    static func bytes(status: String, _ body: API.ErrorBody) -> ByteBuffer {
        let json = API.encode(body) + Data("\n".utf8)
        var buffer = ByteBuffer()
        buffer.writeString("HTTP/1.1 \(status)\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(json.count)\r\nConnection: close\r\n\r\n")
        buffer.writeBytes(json)
        return buffer
    }
}
