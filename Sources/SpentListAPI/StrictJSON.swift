import Foundation

/// A syntax check of JSON (RFC 8259) that also refuses an object with the same name twice,
/// which RFC 8259 leaves to the reader and JSONDecoder resolves silently. It checks only: the
/// values are read afterwards by JSONDecoder.
enum StrictJSON {
    struct Failure: Error {
        let message: String
    }

    static let maximumDepth = 32

    static func check(_ data: Data) throws(Failure) {
        // withUnsafeBytes rethrows untyped: carry the failure out as a value.
        let failure: Failure? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Failure? in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Failure) {
                reader.skipSpace()
                try reader.value(depth: 0)
                reader.skipSpace()
                return reader.atEnd ? nil : reader.failure("text after the JSON value")
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        var atEnd: Bool { at >= bytes.count }
        var next: UInt8? { at < bytes.count ? bytes[at] : nil }

        func failure(_ what: String) -> Failure {
            Failure(message: "the body is not valid JSON (\(what) at byte \(at))")
        }

        mutating func skipSpace() {
            while let byte = next, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < StrictJSON.maximumDepth else { throw failure("nested too deeply") }
            switch next {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case .some(let byte) where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte): try number()
            default: throw failure(atEnd ? "unexpected end" : "unexpected character")
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            var names: Set<String> = []
            try members(closing: UInt8(ascii: "}")) { reader throws(Failure) in
                guard reader.next == UInt8(ascii: "\"") else { throw reader.failure("a field name was expected") }
                let name = try reader.string()
                guard names.insert(name).inserted else { throw Failure(message: "the field \"\(name)\" is given twice") }
                reader.skipSpace()
                guard reader.next == UInt8(ascii: ":") else { throw reader.failure("\":\" was expected") }
                reader.at += 1
                reader.skipSpace()
                try reader.value(depth: depth + 1)
            }
        }

        mutating func array(depth: Int) throws(Failure) {
            try members(closing: UInt8(ascii: "]")) { reader throws(Failure) in try reader.value(depth: depth + 1) }
        }

        /// `{` or `[`, members separated by commas, then `closing`.
        mutating func members(closing: UInt8, _ member: (inout Reader) throws(Failure) -> Void) throws(Failure) {
            at += 1
            skipSpace()
            if next == closing {
                at += 1
                return
            }
            while true {
                skipSpace()
                try member(&self)
                skipSpace()
                if next == UInt8(ascii: ",") {
                    at += 1
                } else if next == closing {
                    at += 1
                    return
                } else {
                    throw failure("\",\" or \"\(Character(Unicode.Scalar(closing)))\" was expected")
                }
            }
        }

        /// A string's value (escapes decoded, so `"a"` and `"\u0061"` are the same name).
        mutating func string() throws(Failure) -> String {
            at += 1
            let start = at
            var escaped = false
            while let byte = next {
                switch byte {
                case UInt8(ascii: "\""):
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<at])
                    at += 1
                    return escaped ? try unescape(raw) : String(decoding: raw, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    escaped = true
                    at += 2
                case 0..<0x20:
                    throw failure("a control character in a string")
                default:
                    at += 1
                }
            }
            throw failure("an unterminated string")
        }

        /// Escapes are rare in requests; JSONSerialization decodes (and checks) them.
        func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
            let quoted = Data([UInt8(ascii: "\"")] + Array(raw) + [UInt8(ascii: "\"")])
            guard let text = try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed) as? String else {
                throw failure("a bad escape in a string")
            }
            return text
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard bytes.count - at >= count,
                  memcmp(bytes.baseAddress! + at, word.utf8Start, count) == 0
            else { throw failure("unexpected character") }
            at += count
        }

        /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() throws(Failure) {
            if next == UInt8(ascii: "-") { at += 1 }
            if next == UInt8(ascii: "0") {
                at += 1
            } else {
                guard digits() > 0 else { throw failure("a bad number") }
            }
            if next == UInt8(ascii: ".") {
                at += 1
                guard digits() > 0 else { throw failure("a bad number") }
            }
            if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                at += 1
                if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { at += 1 }
                guard digits() > 0 else { throw failure("a bad number") }
            }
        }

        mutating func digits() -> Int {
            var count = 0
            while let byte = next, (0x30...0x39).contains(byte) {
                at += 1
                count += 1
            }
            return count
        }
    }
}
