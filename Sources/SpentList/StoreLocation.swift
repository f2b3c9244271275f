import SharedSQLite

/// Where a store is: `sqlite:PATH` (or a bare path), the only store so far.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)

    public static let defaultText = "sqlite:spent.sqlite"

    public init(text: String) throws(SpentListError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw SpentListError(.badLocation, "sqlite: needs a file path, as in sqlite:spent.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres:") || text.hasPrefix("postgresql:") {
            throw SpentListError(.badLocation, "PostgreSQL stores are not implemented yet; use sqlite:PATH")
        } else if text.contains("://") {
            throw SpentListError(.badLocation, "unknown store location \(text); use sqlite:PATH")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens the store, running its migrations. A command that only reads opens it
    /// `.readOnly`: a missing store is then an error naming it, never a new empty one.
    public func open(_ access: SQLiteFile.Access = .create) throws(SpentListError) -> any SpentStore {
        switch self {
        case .sqlite(let path): try SQLiteSpentStore(path: path, access: access)
        }
    }

    /// Where the store is, for messages.
    public var text: String {
        switch self {
        case .sqlite(let path): path
        }
    }
}
