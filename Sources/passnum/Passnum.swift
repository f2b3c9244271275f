import ArgumentParser

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
            Keys.self, Issue.self, Print.self, Batches.self, Verify.self, Scan.self, ReplicaCommand.self, SyncCommand.self, Serve.self, Partners.self, AdminKey.self,
            ReceiptCommand.self, SettlementCommand.self, ConflictsCommand.self, Bench.self,
        ]
    )
}
