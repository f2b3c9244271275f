import Foundation

/// The service's HTTP contract once, as `Codable` values: what the server decodes and encodes,
/// what the counter's client reads, what the tests send. openapi.yaml describes the same shapes
/// for people and other languages; `ContractTests` keeps the two equal, schema by schema.
///
/// Why hand-written `Codable` types rather than swift-openapi-generator: the service needs
/// what a generator does not give (unknown fields and duplicate keys refused, the missing field
/// named in a French/English message, a fast path for `POST /v1/redemptions`), the generated
/// server would replace the router, middleware and metrics the service already has, and the
/// partner kit must build without the generator's runtime. A dozen small types and one test
/// that reads the YAML cost less than that.
public enum API {
    /// Encodes a response or request body as compact JSON, fields in alphabetical order
    /// (JSONEncoder on Linux does not keep the order of the type: sorted, the same value is the
    /// same bytes every time).
    public static func encode(_ value: some Encodable) -> Data {
        // The types here only hold strings, integers and booleans: encoding cannot fail.
        try! encoder.encode(value)
    }

    /// The same, as text.
    public static func text(_ value: some Encodable) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Decodes an answer of the service (a client's side: lenient about added fields, so an
    /// older client reads a newer service).
    public static func decodeAnswer<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try answerDecoder.decode(type, from: data)
    }

    private static let answerDecoder = JSONDecoder()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

/// A body the service reads: every field known, no field twice (see `API.decodeRequest`).
public protocol ContractRequest: Decodable, Sendable {}

extension Decoder {
    /// The container of an object whose fields must all be among `Keys`: a request with a field
    /// the service does not know is refused, never half-understood.
    func strictContainer<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws -> KeyedDecodingContainer<Keys> {
        let all = try container(keyedBy: AnyKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [AnyKey(stringValue: unknown)], debugDescription: "unknown field"))
        }
        return try container(keyedBy: Keys.self)
    }
}

/// Any field name, to list the fields an object really has.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
