/// Compact JSON objects written by hand: bulk verification prints one per token, and a
/// JSONEncoder per line would cost more than the signature check.
enum JSONText {
    enum Value {
        case string(String), int(Int64), bool(Bool), null
    }

    static func object(_ fields: [(String, Value)]) -> String {
        "{" + fields.map { "\(string($0.0)):\(value($0.1))" }.joined(separator: ",") + "}"
    }

    static func value(_ value: Value) -> String {
        switch value {
        case .string(let s): string(s)
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    /// A JSON string literal (RFC 8259 §7).
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
