import ArgumentParser
import Foundation

@main
struct Passnum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passnum",
        abstract: "Digital passes: issue, print, verify and redeem signed paper vouchers.",
        discussion: """
            Messages are in French or English: set PASSNUM_LANG=fr or en (default: from LANG).
            Exit status: 0 ok, 1 rejected or failed, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [
            Keys.self, TrustListCommand.self, Issue.self, Print.self, Batches.self, Verify.self, Scan.self, ReplicaCommand.self, SyncCommand.self, Serve.self, Partners.self, AdminKey.self,
            ReceiptCommand.self, JournalCommand.self, SettlementCommand.self, StatementCommand.self, ConflictsCommand.self, Cancel.self, Offices.self, HandoutCommand.self, ProgrammeCommand.self, ReportCommand.self, Backup.self, Restore.self, AuditCommand.self, Bench.self,
        ]
    )

    /// The parser's own flow, except that its usage errors are written in the user's language
    /// (exit statuses unchanged: 64 for usage, 0 for help and version).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code != .success, Language.current == .fr else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { Output.stderr(UsageWords.message(message) + "\n") }
            Foundation.exit(code.rawValue)
        }
    }

    /// `passnum` alone is a usage error: the help goes to stderr and the status is 64, so a
    /// script that lost its arguments does not carry on as if something had run.
    func run() async throws {
        Output.stderr(Self.helpMessage() + "\n")
        throw ExitCode(64)
    }
}
