import Foundation
import Testing

/// deploy/passnum.service (issue 10 §7): systemd accepts it, it keeps its hardening, and the
/// binary accepts the command line it starts.
@Suite struct DeployUnitTests {
    static let unit = DependencyTests.root.appendingPathComponent("deploy/passnum.service")

    @Test func theUnitIsHardened() throws {
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        for line in ["NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ReadWritePaths=/var/lib/passnum", "User=passnum",
                     "CapabilityBoundingSet=", "LoadCredential=receipt.passphrase:", "Environment=PASSNUM_PASSPHRASE_FILE=%d/receipt.passphrase"] {
            #expect(text.split(separator: "\n").contains { $0.hasPrefix(line) }, "missing \(line)")
        }
        #expect(!text.contains("PASSNUM_PASSPHRASE="), "no passphrase in the unit itself")
    }

    @Test func systemdAcceptsTheUnit() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else { return }
        let cli = CLI()
        // verify checks that ExecStart's program exists: the built binary stands in for /usr/local/bin.
        let text = try String(contentsOf: Self.unit, encoding: .utf8).replacingOccurrences(of: "/usr/local/bin/passnum", with: CLI.binary)
        try text.write(toFile: cli.path("passnum.service"), atomically: true, encoding: .utf8)
        let verified = try cli.run(program: analyze, ["verify", cli.path("passnum.service")])
        #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified.stderr)")
    }

    /// ExecStart's options parse (no usage error, 64): the start fails on the missing trust list.
    @Test func theBinaryAcceptsExecStart() throws {
        let cli = CLI()
        let text = try String(contentsOf: Self.unit, encoding: .utf8).replacingOccurrences(of: "\\\n", with: " ")
        let execStart = try #require(text.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let arguments = execStart.dropFirst("ExecStart=".count).split(separator: " ").dropFirst().map {
            $0.replacingOccurrences(of: "%d", with: cli.folder).replacingOccurrences(of: "/var/lib/passnum", with: cli.folder)
        }
        #expect(arguments.first == "serve")
        let started = try cli.run(arguments)
        #expect(started.status == 1 && started.stderr.contains("no trust list"), "\(started.stderr)")
    }
}
