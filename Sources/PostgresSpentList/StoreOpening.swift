import Foundation
import Logging
import SharedSQLite
import SpentList

extension StoreLocation {
    /// Opens either store. PostgreSQL's password comes from `passwordFile` when given, else
    /// from PGPASSWORD (never from the URL, which is refused when it holds one).
    public func open(
        _ access: SQLiteFile.Access, passwordFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "passnum.postgres")
    ) async throws(SpentListError) -> any SpentStore {
        switch self {
        case .sqlite:
            return try open(access)
        case .postgres(let address):
            let password = try Self.password(file: passwordFile, environment: environment)
            let storeAccess: StoreAccess = switch access {
            case .create: .create
            case .existing: .existing
            case .readOnly: .readOnly
            }
            return try await PostgresSpentStore(address, password: password, access: storeAccess, logger: logger)
        }
    }

    /// The password: the file's first line, or PGPASSWORD, or none (trust or peer login).
    public static func password(file: String?, environment: [String: String]) throws(SpentListError) -> String? {
        guard let file else { return environment["PGPASSWORD"] }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw SpentListError(.storage, "cannot read the password file \(file)", subject: file)
        }
        let password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !password.isEmpty else { throw SpentListError(.storage, "the password file \(file) is empty", subject: file) }
        return password
    }
}
