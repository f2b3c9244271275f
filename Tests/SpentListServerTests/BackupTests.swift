import AsyncHTTPClient
import Foundation
import Testing

/// Issue 10 §6: `passnum backup` copies a spent list a running service is writing, and
/// `passnum restore` puts a checked copy back, never under a running service.
@Suite(.serialized) struct BackupTests {
    @Test func aCopyTakenUnderLoadHoldsEveryRedemptionAcknowledgedBeforeIt() async throws {
        let run = try CLIRun()
        let (_, tokens) = try await offPool { try run.issue(count: 400) }
        let key = try await offPool { try run.passnum(["partners", "add", "--name", "PiNG"]) }.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let service = try await offPool { try run.startService() }
        defer { service.process.terminate() }
        let log = Acknowledged()
        let http = testHTTPClient
        // Eight workers redeem distinct passes (serial = index + 1) all through the backup.
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for index in stride(from: worker, to: tokens.count, by: 8) {
                            if (try? await redeem(http, port: service.port, key: key, token: tokens[index])) == 201 { await log.add(index + 1) }
                        }
                    }
                }
            }
        }
        while await log.serials.count < 100 { try await Task.sleep(for: .milliseconds(5)) }
        let before = await log.serials
        let backup = try await offPool { try run.passnum(["backup", "--db", "sqlite:spent.sqlite", "--out", "copy.sqlite"]) }
        await load.value
        let all = await log.serials
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(all.count > before.count, "the load went on during the copy")
        #expect(try run.mode("copy.sqlite") == 0o600)

        let restored = try await offPool { try run.passnum(["restore", "--from", "copy.sqlite", "--db", "sqlite:restored.sqlite"]) }
        #expect(restored.status == 0, "\(restored.stderr)")
        let serials = try await offPool { try run.sqlite("restored.sqlite", "SELECT serial FROM redemptions") }
        #expect(Set(before).isSubset(of: serials), "every redemption acknowledged before the copy is in it")
        #expect(serials.isSubset(of: Set(all)), "nothing in the copy that was not acknowledged")

        // Never under a running service, even with --force.
        let live = try await offPool { try run.passnum(["restore", "--from", "copy.sqlite", "--db", "sqlite:spent.sqlite", "--force"]) }
        #expect(live.status == 1 && live.stderr.contains("is open in another process"), "\(live.stderr)")
        #expect(try await offPool { try run.sqlite("spent.sqlite", "SELECT serial FROM redemptions") } == Set(all), "the live list is untouched")
        // An existing database only with --force.
        let again = try await offPool { try run.passnum(["restore", "--from", "copy.sqlite", "--db", "sqlite:restored.sqlite"]) }
        #expect(again.status == 1 && again.stderr.contains("already exists"), "\(again.stderr)")
        #expect(try await offPool { try run.passnum(["restore", "--from", "copy.sqlite", "--db", "sqlite:restored.sqlite", "--force"]) }.status == 0)

        // A service runs on the restored list and knows what it holds.
        let second = try await offPool { try run.startService(["--db", "sqlite:restored.sqlite"]) }
        defer { second.process.terminate() }
        #expect(try await redeem(http, port: second.port, key: key, token: tokens[before[0] - 1]) == 409)
    }

    @Test func aDamagedOrWrongCopyIsNotRestored() async throws {
        let run = try CLIRun()
        _ = try await offPool { try run.issue(count: 10) }
        _ = try await offPool { try run.passnum(["partners", "add", "--name", "PiNG"]) }
        let made = try await offPool { try run.passnum(["backup", "--db", "sqlite:spent.sqlite", "--out", "copy.sqlite"]) }
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try await offPool { try run.passnum(["backup", "--db", "sqlite:spent.sqlite", "--out", "copy.sqlite"]) }.stderr.contains("already exists"))

        // A page overwritten in the middle of the copy.
        let copy = run.folder.appendingPathComponent("copy.sqlite")
        var bytes = try Data(contentsOf: copy)
        let page = 4096
        try #require(bytes.count >= 3 * page)
        bytes.replaceSubrange(page + 16..<2 * page, with: Data(repeating: 0xA5, count: page - 16))
        try bytes.write(to: run.folder.appendingPathComponent("damaged.sqlite"))
        let damaged = try await offPool { try run.passnum(["restore", "--from", "damaged.sqlite", "--db", "sqlite:new.sqlite"]) }
        #expect(damaged.status == 1 && (damaged.stderr.contains("integrity") || damaged.stderr.contains("cannot be read")), "\(damaged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("new.sqlite").path))

        // A ledger is not a spent list.
        let ledger = try await offPool { try run.passnum(["backup", "--ledger", "Keys/issuance.sqlite", "--out", "ledger.copy"]) }
        #expect(ledger.status == 0, "\(ledger.stderr)")
        let wrong = try await offPool { try run.passnum(["restore", "--from", "ledger.copy", "--db", "sqlite:new.sqlite"]) }
        #expect(wrong.status == 1 && wrong.stderr.contains("not the spent list"), "\(wrong.stderr)")
    }

    @Test func theIssuanceLedgerIsBackedUpAndRestored() async throws {
        let run = try CLIRun()
        _ = try await offPool { try run.issue(count: 20) }
        let backup = try await offPool { try run.passnum(["backup", "--ledger", "Keys/issuance.sqlite", "--out", "ledger.copy"]) }
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try run.mode("ledger.copy") == 0o600)
        let restored = try await offPool { try run.passnum(["restore", "--from", "ledger.copy", "--ledger", "restored.sqlite"]) }
        #expect(restored.status == 0, "\(restored.stderr)")
        let original = try await offPool { try run.passnum(["batches", "--ledger", "Keys/issuance.sqlite"]) }
        let batches = try await offPool { try run.passnum(["batches", "--ledger", "restored.sqlite"]) }
        #expect(batches.status == 0 && batches.stdout == original.stdout && batches.stdout.contains("20"), "\(batches.stdout)\(batches.stderr)")
    }
}

private actor Acknowledged {
    private(set) var serials: [Int] = []
    func add(_ serial: Int) { serials.append(serial) }
}

extension CLIRun {
    /// The permission bits of a file in the folder.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
        return (attributes[.posixPermissions] as? Int ?? 0) & 0o777
    }

    /// The integers of a one-column query, read with the sqlite3 tool (not passnum's code).
    func sqlite(_ name: String, _ query: String) throws -> Set<Int> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", folder.appendingPathComponent(name).path, query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int($0) })
    }
}
