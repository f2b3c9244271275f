import Foundation
import SharedSQLite

/// Where a store is: `sqlite:PATH` (or a bare path), or `postgres://USER@HOST:PORT/DATABASE`.
/// Opening a PostgreSQL store needs the PostgresSpentList module (the CLI and tests link it);
/// this module only parses and names locations, so it stays free of the database client.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    public static let defaultText = "sqlite:spent.sqlite"

    public init(text: String) throws(SpentListError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw SpentListError(.badLocation, "sqlite: needs a file path, as in sqlite:spent.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres:") || text.hasPrefix("postgresql:") {
            self = .postgres(try PostgresAddress(url: text))
        } else if text.contains("://") {
            throw SpentListError(.badLocation, "unknown store location \(text); use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens a SQLite store, running its migrations. A command that only reads opens it
    /// `.readOnly`: a missing store is then an error naming it, never a new empty one.
    public func open(_ access: SQLiteFile.Access = .create) throws(SpentListError) -> any SpentStore {
        switch self {
        case .sqlite(let path): try SQLiteSpentStore(path: path, access: access)
        case .postgres(let address):
            throw SpentListError(.badLocation, "\(address) is a PostgreSQL store: open it with PostgresSpentStore")
        }
    }

    /// Where the store is, for messages (never with a password: a URL holding one is refused).
    public var text: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A PostgreSQL server and database, from `postgres://USER@HOST:PORT/DATABASE`. The password is
/// never part of it: a URL that carries one is refused, because command lines are visible to
/// every user of the machine (ps) and end up in shell histories and logs; it comes from
/// PGPASSWORD or a file instead.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public let user: String
    public let host: String
    public let port: Int
    public let database: String

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    public init(url text: String) throws(SpentListError) {
        let example = "postgres://USER@HOST:PORT/DATABASE, as in postgres://passnum@127.0.0.1:5432/passnum"
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw SpentListError(.badLocation, "\(Self.redacted(text)) is not a PostgreSQL URL; use \(example)")
        }
        if components.password != nil {
            throw SpentListError(
                .badLocation,
                "the --db URL holds a password: remove it (anyone on the machine can read a command line); give it in PGPASSWORD or with --db-password-file instead")
        }
        guard let user = components.user, !user.isEmpty, let host = components.host, !host.isEmpty else {
            throw SpentListError(.badLocation, "\(text) needs a user and a host; use \(example)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw SpentListError(.badLocation, "\(text) needs a database name after the host; use \(example)")
        }
        guard components.query == nil, components.fragment == nil else {
            throw SpentListError(.badLocation, "\(text): options after ? are not supported; use \(example)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw SpentListError(.badLocation, "\(text): the port is out of range") }
        self.init(user: user.removingPercentEncoding ?? user, host: host, port: port, database: database.removingPercentEncoding ?? database)
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// A text that may hold a password, with anything between "//" and "@" hidden, for a message.
    static func redacted(_ text: String) -> String {
        guard let start = text.range(of: "//"), let at = text.range(of: "@", range: start.upperBound..<text.endIndex) else { return text }
        return String(text[..<start.upperBound]) + "…" + String(text[at.lowerBound...])
    }
}
