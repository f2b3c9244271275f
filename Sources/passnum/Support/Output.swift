import Foundation

/// Raw writes to stdout and stderr. FileHandle.write traps on EINTR or a closed pipe; a CLI
/// must not crash because its reader went away, so write(2) is called directly and retried.
enum Output {
    static func stdout(_ bytes: [UInt8]) { write(bytes, to: STDOUT_FILENO) }
    static func stderr(_ text: String) { write(Array(text.utf8), to: STDERR_FILENO) }

    static func write(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                return  // the reader is gone (EPIPE): nothing more can be said
            }
        }
    }
}
