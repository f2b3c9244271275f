import Foundation

extension API {
    /// Why a request body was refused: `malformed_json` (not JSON, or a field given twice) or
    /// `invalid_body` (JSON of the wrong shape), with words naming the field.
    public struct RequestError: Error, Sendable, Equatable {
        public let reason: Reason, message: String
        public init(reason: Reason, message: String) { (self.reason, self.message) = (reason, message) }
    }

    /// Reads a request body strictly: well-formed JSON with no field twice (JSONDecoder would
    /// silently keep one of them), every required field present, no unknown field, each value
    /// of its type. A refusal names the field.
    public static func decodeRequest<T: ContractRequest>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(RequestError) -> T {
        let data = Data(bytes)
        do {
            try StrictJSON.check(data)
        } catch {
            throw RequestError(reason: .malformedJSON, message: error.message)
        }
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw RequestError(reason: .invalidBody, message: words(error))
        } catch {
            throw RequestError(reason: .invalidBody, message: "the body cannot be read")
        }
    }

    private static let decoder = JSONDecoder()

    static func words(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(path(context.codingPath + [key]))\""
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "the body must be a JSON object"
        case .typeMismatch(let type, let context):
            return "\"\(path(context.codingPath))\" must be \(kind(type))"
        case .valueNotFound(let type, let context):
            return "\"\(path(context.codingPath))\" must be \(kind(type)), not null"
        case .dataCorrupted(let context) where context.debugDescription == "unknown field":
            return "unknown field \"\(path(context.codingPath))\""
        case .dataCorrupted(let context):
            return "\"\(path(context.codingPath))\" is not valid here"
        @unknown default:
            return "the body is not valid"
        }
    }

    /// `items[3].token`.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Timestamp.Type, is Reason.Type: "a string"
        case is UInt64.Type, is Int64.Type, is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
