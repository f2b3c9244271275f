import Foundation
import Testing
import TestStores

/// Issue 10 §6, PostgreSQL: the README's pg_dump / pg_restore steps, run for real. A service
/// records redemptions in PostgreSQL; pg_dump copies the database; pg_restore puts it into a
/// fresh cluster (a second `scripts/with-postgres.sh`), where every acknowledged redemption is.
@Suite(.serialized) struct PostgresBackupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: StoreKind.postgresUnavailable == nil))
    func aDumpRestoredIntoAFreshClusterHoldsEveryRedemption() async throws {
        let run = try CLIRun()
        let location = try #require(try await StoreKind.postgres.makeLocation())
        let (_, tokens) = try await offPool { try run.issue(count: 30) }
        let service = try await offPool { try run.startService(["--db", location]) }
        defer { service.process.terminate() }
        let key = try await offPool { try run.passnum(["partners", "add", "--name", "PiNG", "--db", location]) }.stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let port = service.port
        var acknowledged: Set<Int> = []
        try await withThrowingTaskGroup(of: Int?.self) { group in
            for index in 0..<20 {
                group.addTask { try await redeem(testHTTPClient, port: port, key: key, token: tokens[index]) == 201 ? index + 1 : nil }
            }
            for try await serial in group { if let serial { acknowledged.insert(serial) } }
        }
        #expect(acknowledged.count == 20)

        // The README's steps: pg_dump in the custom format; on the new server, an empty database
        // and pg_restore into it.
        let dump = run.folder.appendingPathComponent("spent.pgdump").path
        let database = try #require(location.split(separator: "/").last.map(String.init))
        let dumped = try await offPool { try Self.shell(#""$PG_BIN/pg_dump" --format=custom --no-owner --file="$1" "$2""#, [dump, location]) }
        #expect(dumped.status == 0, "\(dumped.stderr)")
        let restore = #"""
            target="${PASSNUM_TEST_POSTGRES%/*}/$2"
            "$PG_BIN/psql" --no-psqlrc --quiet --command="CREATE DATABASE $2" "$PASSNUM_TEST_POSTGRES" &&
            "$PG_BIN/pg_restore" --no-owner --exit-on-error --dbname="$target" "$1" &&
            "$PG_BIN/psql" --no-psqlrc --tuples-only --no-align --command="SELECT serial FROM redemptions ORDER BY serial" "$target"
            """#
        let script = Self.root.appendingPathComponent("scripts/with-postgres.sh").path
        let restored = try await offPool { try Self.shell(#"bash "$1" bash -c "$2" restore "$3" "$4""#, [script, restore, dump, database]) }
        #expect(restored.status == 0, "\(restored.stderr)")
        let serials = Set(restored.stdout.split(separator: "\n").compactMap { Int($0) })
        #expect(serials == acknowledged, "restored \(serials.sorted()), acknowledged \(acknowledged.sorted())")
    }

    /// `bash -c SCRIPT` with arguments $1, $2…, in the test's environment (PG_BIN, PGPASSWORD).
    static func shell(_ script: String, _ arguments: [String]) throws -> CLIRun.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "script"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let collected = ReadBoth(out: out, err: err)
        process.waitUntilExit()
        return CLIRun.Output(status: process.terminationStatus, stdout: collected.out(), stderr: collected.err())
    }
}

/// Reads a process's stdout and stderr to their ends at once, so neither pipe fills up.
private final class ReadBoth: @unchecked Sendable {  // each Data is written by one thread before `wait`
    private var outData = Data(), errData = Data()
    private let group = DispatchGroup()

    init(out: Pipe, err: Pipe) {
        group.enter()
        DispatchQueue.global().async { self.outData = out.fileHandleForReading.readDataToEndOfFile(); self.group.leave() }
        group.enter()
        DispatchQueue.global().async { self.errData = err.fileHandleForReading.readDataToEndOfFile(); self.group.leave() }
    }

    func out() -> String { group.wait(); return String(decoding: outData, as: UTF8.self) }
    func err() -> String { group.wait(); return String(decoding: errData, as: UTF8.self) }
}
